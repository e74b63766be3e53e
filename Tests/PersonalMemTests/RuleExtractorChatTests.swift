import Foundation
import Testing

@testable import PersonalMem
@testable import PersonalMemEval

/// Informal chat, written for these tests: lower case, no punctuation, several clauses, facts in
/// passing, changes of mind. Each test names the kind of phrasing, not one sentence.
@Suite("RuleExtractor on informal chat")
struct RuleExtractorChatTests {
    let extractor = RuleExtractor()

    func facts(_ message: String, profile: Profile = [:]) -> [Fact] {
        extractor.facts(in: message, profile: profile)
    }

    /// The (field, value) pairs a message adds to `profile`, list items one by one, lower-cased.
    func added(_ message: String, profile: Profile = [:]) -> Set<String> {
        let merged = ProfileMerger().apply(FieldCatalog.standard.validate(facts(message, profile: profile)).valid, to: profile).profile
        let before = Set(StatementEvaluation.pairs(profile).map { "\($0.0)=\($0.1.lowercased())" })
        return Set(StatementEvaluation.pairs(merged).map { "\($0.0)=\($0.1.lowercased())" }).subtracting(before)
    }

    /// What is left of `profile` after the message.
    func after(_ message: String, profile: Profile) -> Profile {
        ProfileMerger().apply(FieldCatalog.standard.validate(facts(message, profile: profile)).valid, to: profile).profile
    }

    @Test func rolesInPassingAndWithoutCapitals() {
        #expect(added("work has been wild lately, being a paramedic is no joke").contains("role=paramedic"))
        #expect(added("im a welder, been doing it since school").contains("role=welder"))
        #expect(added("i just got hired as a night shift receptionist").contains("role=night shift receptionist"))
        #expect(added("I've been a plumber for twelve years").contains("role=plumber"))
    }

    @Test func workplacesNamedWithCommonNouns() {
        #expect(added("i work at a garden centre near the river").contains("company=garden centre"))
        #expect(added("honestly I work from home most days").contains("work_style=work from home"))
    }

    @Test func goalsAreLifeGoalsNotRoles() {
        let goal = added("i want to be a vet when im older")
        #expect(goal.contains("life_goals=vet") && !goal.contains { $0.hasPrefix("role=") })
        #expect(added("I'd love to see the northern lights one day").contains("life_goals=see the northern lights"))
        #expect(added("i've always wanted to sail around greece").contains("life_goals=sail around greece"))
        #expect(added("I want to book a table for two tonight").isEmpty)
        #expect(added("I'd like to know more about volcanoes").isEmpty)
    }

    @Test func petsWithKindsAndNames() {
        #expect(added("I have two cats, Milo and Luna") == ["pets=cat: milo", "pets=cat: luna"])
        #expect(added("i have a greyhound named Bolt").contains("pets=greyhound: bolt"))
        #expect(added("i own three hamsters").contains("pets=three hamsters"))
    }

    @Test func schoolingAndEducation() {
        #expect(added("im a sophomore at uni, majoring in chemistry").contains("education=sophomore at uni"))
        #expect(added("I'm in nursing school right now").contains("education=nursing school"))
        #expect(added("im a history major").contains("education=history"))
    }

    @Test func healthDietAndFears() {
        #expect(added("i have asthma so running is hard for me").contains("health_conditions=asthma"))
        #expect(added("I'm gluten intolerant, sadly").contains("health_conditions=gluten intolerant"))
        #expect(added("im terrified of deep water").contains("fears=deep water"))
        #expect(added("I'm not scared of snakes").isEmpty)
        #expect(added("went keto in january and im on a low carb diet now").contains("diet=low carb"))
    }

    @Test func originLanguagesAndPlaces() {
        #expect(added("I'm Portuguese but I live in toronto now").isSuperset(of: ["nationality=portuguese", "location=toronto"]))
        #expect(added("I grew up in ohio and moved to Denver for work").isSuperset(of: ["hometown=ohio", "location=Denver".lowercased()]))
        #expect(added("I've been to Peru twice").contains("travel_history=peru"))
    }

    @Test func severalFactsInOneMessage() {
        let found = added("im 27, married, and I have a toddler. also I drive a beat up honda civic lol")
        #expect(found.isSuperset(of: ["age=27", "relationship_status=married", "children=toddler"]) || found.isSuperset(of: ["age=27", "relationship_status=married"]))
        #expect(found.contains("car=beat up honda civic"))
        #expect(added("I am male and 41 years old").isSuperset(of: ["gender=male", "age=41"]))
    }

    @Test func charactersAndLikes() {
        #expect(added("i'm a total introvert tbh").contains("personality_traits=introvert"))
        #expect(added("im terrible at drawing").contains("weaknesses=drawing"))
        #expect(added("I'm all about horror films and true crime").isSuperset(of: ["likes=horror films", "likes=true crime"]))
        #expect(added("pineapple on pizza is my least favorite thing").contains("dislikes=pineapple on pizza"))
    }

    @Test func removalsOfWhatTheProfileHolds() {
        let smoker: Profile = ["habits": .list(["smoking"])]
        #expect(after("I used to smoke but I quit last year", profile: smoker)["habits"] == nil)
        let climber: Profile = ["hobbies": .list(["climbing"])]
        #expect(after("i used to go climbing every weekend, but these days my knee wont let me", profile: climber)["hobbies"] == nil)
        #expect(after("I no longer climb", profile: climber)["hobbies"] == nil)
        let cook: Profile = ["role": .text("line cook")]
        let changed = after("I lost my job as a line cook, so now im a delivery driver", profile: cook)
        #expect(changed["role"] == .text("delivery driver"))
        let student: Profile = ["education": .text("community college")]
        #expect(after("i dropped out of community college in the spring", profile: student)["education"] == nil)
        let married: Profile = ["relationship_status": .text("married")]
        #expect(after("my wife passed away two years ago", profile: married)["relationship_status"] == nil)
        let veggie: Profile = ["diet": .text("vegetarian")]
        #expect(after("funny thing, I started eating meat again after ten years", profile: veggie)["diet"] == nil)
        #expect(after("used to be vegetarian", profile: veggie)["diet"] == .text("vegetarian"))
    }

    @Test func correctionsReplace() {
        let profile: Profile = ["location": .text("Leeds")]
        #expect(after("sorry I meant I live in York, not Leeds", profile: profile)["location"] == .text("York"))
        #expect(facts("My skills are now TypeScript, Go, and Rust") == [Fact(field: "skills", op: .set, value: .array(["TypeScript", "Go", "Rust"].map(JSONValue.string)))])
    }

    @Test(arguments: [
        "my dad is a retired firefighter", "my girlfriend is vegan", "do you have any dogs?", "if i moved to spain i'd learn spanish",
        "can you recommend a good hiking trail near me", "he told me \"I am a doctor\"", "today is my graduation!",
        "i'm going to adopt a puppy next month", "you should try yoga", "I wish I had a cat", "I am not allergic to nuts",
        "I don't have any kids", "when i retire i hope to live by the sea", "lol same", "我爸是医生", "你是学生吗",
    ])
    func yieldsNothing(message: String) {
        #expect(facts(message).isEmpty, "\(facts(message))")
    }

    @Test func chineseChangesRemoveStoredValues() {
        let profile: Profile = ["likes": .list(["奶茶"])]
        #expect(after("奶茶是我以前的最爱，现在不喝了", profile: profile)["likes"] == nil)
    }

    @Test func pluralFavouritesAreLists() throws {
        let definition = try #require(FieldCatalog.standard.definition(for: "favorite_foods"))
        #expect(definition.kind == .list)
        #expect(FieldCatalog.standard.definition(for: "favorite_food")?.kind == .text)
        #expect(FieldCatalog.standard.definition(for: "favorite_series")?.kind == .text)
        #expect(try FieldCatalog.standard.validate(.array([.string("pizza"), .string("ramen")]), forField: "favorite_foods") == .list(["pizza", "ramen"]))
    }
}
