import Testing

@testable import PersonalMem

@Suite("English stemming for keyword search")
struct EnglishStemmerTests {
    @Test("inflections fold together", arguments: [
        ("paints", "paint"), ("painted", "paint"), ("painting", "paint"), ("parties", "parti"), ("party", "parti"),
        ("running", "run"), ("making", "make"), ("caresses", "caress"), ("agreed", "agree"), ("hoping", "hope"),
        ("kids", "kid"), ("this", "this"), ("bus", "bus"), ("café", "café"), ("2023", "2023"),
    ])
    func stems(_ word: String, _ stem: String) {
        #expect(EnglishStemmer.stem(word) == stem)
    }

    @Test("the tokenizer stems English and leaves CJK alone")
    func tokenizer() {
        #expect(KeywordTokenizer.tokens(in: "She painted two paintings") == ["paint", "two", "paint"])
        #expect(KeywordTokenizer.tokens(in: "上个月") == ["上", "个", "上个", "月", "个月"])
    }
}
