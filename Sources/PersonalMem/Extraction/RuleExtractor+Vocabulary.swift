/// Word lists the rules consult. Lower-case; compared after lower-casing. The longer lists of
/// things (occupations, pets, activities, languages, conditions) are data files in `Words/`.
enum Vocabulary {
    static let programmingLanguages: Set<String> = [
        "python", "java", "javascript", "typescript", "c", "c++", "c#", "go", "golang", "rust", "swift",
        "kotlin", "ruby", "php", "scala", "haskell", "elixir", "erlang", "clojure", "r", "julia", "perl",
        "lua", "dart", "objective-c", "sql", "matlab", "fortran", "cobol", "bash", "shell", "f#", "ocaml",
        "zig", "nim", "lisp", "common lisp", "scheme", "racket", "groovy", "assembly", "visual basic",
        "vb.net", "solidity", "elm", "crystal", "prolog", "delphi", "pascal", "powershell", "apex", "js", "ts",
    ]

    static let familyRelations: [String] = [
        "wife", "husband", "son", "daughter", "sister", "brother", "mother", "mom", "mum", "father", "dad",
        "grandmother", "grandma", "granny", "grandfather", "grandpa", "aunt", "uncle", "cousin", "niece",
        "nephew", "kid", "child", "twin", "twin sister", "twin brother", "stepmother", "stepfather",
        "stepson", "stepdaughter", "stepbrother", "stepsister", "half-brother", "half-sister", "sibling",
        "baby", "grandson", "granddaughter", "mother-in-law", "father-in-law", "son-in-law",
        "daughter-in-law", "brother-in-law", "sister-in-law",
    ]

    /// Plural forms that differ from singular + "s".
    static let irregularPlurals: [String: String] = ["children": "child", "kids": "kid", "puppies": "puppy", "bunnies": "bunny", "fish": "fish", "mice": "mouse", "guinea pigs": "guinea pig", "babies": "baby"]

    static let partnerWords: Set<String> = ["girlfriend", "boyfriend", "partner", "fiance", "fiancé", "fiancee", "fiancée"]

    static let countWords: [String: Int] = [
        "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
        "eight": 8, "nine": 9, "ten": 10,
    ]

    /// Words that start no name ("I'm tired", "I'm Canadian").
    static let notNames: Set<String> = [
        "a", "an", "the", "not", "so", "very", "from", "here", "there", "back", "tired", "fine", "good", "great",
        "ok", "okay", "sorry", "sure", "glad", "happy", "sad", "new", "just", "still", "also", "going", "trying",
        "looking", "working", "living", "learning", "in", "at", "on", "with", "into", "sick", "busy", "done",
        "ready", "hungry", "bored", "excited", "afraid", "curious", "confused", "interested", "married",
        "single", "american", "british", "english", "canadian", "german", "french", "chinese", "japanese",
        "korean", "indian", "italian", "spanish", "mexican", "brazilian", "russian", "australian", "irish",
        "scottish", "dutch", "swedish", "polish", "vegan", "vegetarian", "and", "but", "or", "i", "my", "your",
        "his", "her", "their", "our", "it", "that", "this", "what", "who", "you", "me", "him", "them", "us",
        "no", "yes", "well", "now", "then", "actually", "really", "called", "named", "is", "was", "am",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
        "march", "april", "june", "july", "august", "september", "october", "november", "december",
        "christmas", "easter", "too", "as", "by", "for", "of", "to", "about", "today", "tomorrow",
        "yesterday", "doing", "feeling", "having", "getting", "only", "almost", "about", "like", "kind", "after", "for", "by",
    ]

    /// Words that, first in a value, show it is not a thing the user likes or a place or a company.
    static let badLeads: Set<String> = [
        "you", "your", "yours", "it", "that", "this", "those", "these", "them", "him", "her", "what", "how",
        "when", "where", "who", "why", "which", "whatever", "there", "here", "myself", "yourself", "me", "us",
        "it's", "that's", "when", "if", "so", "very", "much", "too", "a lot", "lots", "everything",
        "anything", "nothing", "something", "someone", "everyone", "everybody", "people",
    ]

    static let determiners: Set<String> = ["a", "an", "my", "our", "his", "her", "their", "this", "that", "some", "any", "your", "its", "one", "another"]

    /// Activities that are habits rather than hobbies when given up.
    static let habits: Set<String> = ["smoking", "drinking", "vaping", "drinking coffee", "drinking alcohol", "biting my nails", "snacking", "gambling"]

    // MARK: Chinese

    static let chinesePlaces: Set<String> = [
        "北京", "上海", "天津", "重庆", "广东", "四川", "湖南", "湖北", "河南", "河北", "山东", "山西", "江苏", "浙江",
        "福建", "安徽", "江西", "广西", "云南", "贵州", "陕西", "甘肃", "青海", "宁夏", "新疆", "西藏", "内蒙古",
        "黑龙江", "吉林", "辽宁", "海南", "台湾", "香港", "澳门", "东北", "广州", "深圳", "杭州", "南京", "成都",
        "武汉", "西安", "长沙", "苏州", "厦门", "青岛", "大连", "沈阳", "哈尔滨", "昆明", "郑州", "济南", "合肥",
        "福州", "南昌", "温州", "宁波", "无锡", "珠海", "佛山", "东莞", "贵阳", "南宁", "兰州", "太原", "石家庄",
        "长春", "呼和浩特", "乌鲁木齐", "拉萨", "海口", "三亚", "桂林", "丽江", "大理", "洛阳", "扬州", "常州",
        "纽约", "伦敦", "巴黎", "东京", "首尔", "柏林", "悉尼", "新加坡", "旧金山", "洛杉矶", "多伦多", "温哥华",
        "墨尔本", "罗马", "大阪", "曼谷", "中国", "美国", "日本", "韩国", "英国", "法国", "德国", "加拿大",
        "澳大利亚", "意大利", "西班牙", "俄罗斯", "印度", "新西兰", "荷兰", "瑞士", "泰国", "越南", "马来西亚",
    ]

    static let chineseCountries: Set<String> = [
        "中国", "美国", "日本", "韩国", "英国", "法国", "德国", "加拿大", "澳大利亚", "意大利", "西班牙", "俄罗斯",
        "印度", "新西兰", "荷兰", "瑞士", "泰国", "越南", "马来西亚", "新加坡",
    ]

    static let chineseCompanies: Set<String> = [
        "腾讯", "阿里", "阿里巴巴", "百度", "字节", "字节跳动", "华为", "小米", "京东", "美团", "网易", "拼多多", "滴滴",
        "快手", "微软", "谷歌", "苹果", "亚马逊", "蚂蚁金服", "携程", "新浪", "搜狐", "联想", "中兴", "比亚迪", "大疆",
        "蔚来", "理想", "小红书", "哔哩哔哩", "B站", "招商银行", "工商银行", "中国银行", "建设银行", "农业银行",
    ]

    /// Endings of Chinese occupations (程序员, 工程师, 老师 ...).
    static let chineseOccupationEndings: [String] = [
        "程序员", "工程师", "设计师", "架构师", "分析师", "律师", "会计", "会计师", "老师", "教师", "医生", "护士",
        "学生", "记者", "作家", "厨师", "司机", "警察", "经理", "主管", "总监", "销售", "研究员", "教授", "翻译",
        "编辑", "演员", "歌手", "画家", "摄影师", "科学家", "公务员", "药剂师", "牙医", "兽医", "服务员", "保安",
        "快递员", "外卖员", "农民", "工人", "创业者", "自由职业者", "老板", "主播", "程序媛", "运维", "客服", "导游",
        "教练", "消防员", "飞行员", "空姐", "秘书", "助理", "电工", "理发师", "咨询师", "产品经理", "码农", "博士生",
        "研究生", "大学生", "高中生", "初中生", "实习生", "店员", "职员", "员工", "专员", "顾问", "CEO", "CTO",
        "HR", "前端", "后端", "开发", "测试", "运营", "策划", "设计", "建筑师", "心理咨询师", "营养师", "厨子",
    ]

    static let chinesePets: [String] = [
        "猫咪", "小猫", "猫", "小狗", "狗狗", "狗", "兔子", "仓鼠", "鹦鹉", "金鱼", "鱼", "乌龟", "蛇", "蜥蜴",
        "豚鼠", "荷兰猪", "柯基", "泰迪", "柴犬", "金毛", "哈士奇", "布偶猫", "橘猫", "英短", "鸟",
    ]

    static let chineseFamily: [String] = [
        "老婆", "妻子", "太太", "老公", "丈夫", "先生", "儿子", "女儿", "哥哥", "姐姐", "弟弟", "妹妹", "妈妈",
        "爸爸", "母亲", "父亲", "爷爷", "奶奶", "外公", "外婆", "孩子",
    ]

    static let chineseFavoriteThings: [String: String] = [
        "颜色": "color", "食物": "food", "菜": "food", "电影": "movie", "书": "book", "音乐": "music",
        "歌手": "music", "乐队": "band", "运动": "sport", "水果": "fruit", "动物": "animal", "城市": "city",
        "季节": "season", "饮料": "drink", "游戏": "game", "作家": "author", "歌": "song", "电视剧": "tv_show",
        "花": "flower", "国家": "country", "明星": "celebrity", "演员": "actor",
    ]
}
