extension Vocabulary {
    /// Countries, US states and large cities: accepted as places even when written in lower case
    /// in a message that otherwise uses capitals ("I was born in london").
    static let places = WordList.set("""
        # countries
        america
        the united states
        united states
        the us
        the usa
        usa
        the uk
        uk
        england
        scotland
        wales
        ireland
        canada
        mexico
        brazil
        argentina
        chile
        colombia
        peru
        cuba
        jamaica
        france
        germany
        italy
        spain
        portugal
        the netherlands
        netherlands
        holland
        belgium
        switzerland
        austria
        sweden
        norway
        denmark
        finland
        iceland
        poland
        greece
        turkey
        russia
        ukraine
        romania
        hungary
        czechia
        croatia
        serbia
        china
        japan
        korea
        south korea
        taiwan
        hong kong
        vietnam
        thailand
        the philippines
        philippines
        indonesia
        malaysia
        singapore
        india
        pakistan
        bangladesh
        nepal
        iran
        iraq
        israel
        egypt
        morocco
        nigeria
        ghana
        kenya
        ethiopia
        south africa
        australia
        new zealand
        # us states
        alabama
        alaska
        arizona
        arkansas
        california
        colorado
        connecticut
        delaware
        florida
        georgia
        hawaii
        idaho
        illinois
        indiana
        iowa
        kansas
        kentucky
        louisiana
        maine
        maryland
        massachusetts
        michigan
        minnesota
        mississippi
        missouri
        montana
        nebraska
        nevada
        new hampshire
        new jersey
        new mexico
        new york
        north carolina
        north dakota
        ohio
        oklahoma
        oregon
        pennsylvania
        rhode island
        south carolina
        south dakota
        tennessee
        texas
        utah
        vermont
        virginia
        washington
        west virginia
        wisconsin
        wyoming
        # cities
        new york city
        nyc
        los angeles
        la
        chicago
        houston
        phoenix
        philadelphia
        san antonio
        san diego
        dallas
        austin
        san francisco
        seattle
        denver
        boston
        miami
        atlanta
        detroit
        portland
        las vegas
        nashville
        toronto
        vancouver
        montreal
        london
        manchester
        dublin
        edinburgh
        paris
        berlin
        munich
        madrid
        barcelona
        rome
        milan
        amsterdam
        vienna
        prague
        stockholm
        oslo
        copenhagen
        moscow
        tokyo
        osaka
        seoul
        beijing
        shanghai
        sydney
        melbourne
        mumbai
        delhi
        dubai
        """)
}
