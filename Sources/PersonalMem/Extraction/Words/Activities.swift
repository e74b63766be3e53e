extension Vocabulary {
    /// Activities, sports and crafts: taken up or given up as hobbies, and a hobby when named after
    /// "I play", "I do", "I love".
    static let hobbies = WordList.set("""
        # sports
        football
        soccer
        basketball
        baseball
        softball
        volleyball
        tennis
        table tennis
        ping pong
        badminton
        squash
        golf
        hockey
        ice hockey
        rugby
        cricket
        lacrosse
        handball
        bowling
        darts
        pool
        billiards
        snooker
        boxing
        kickboxing
        wrestling
        karate
        judo
        taekwondo
        kung fu
        jiu-jitsu
        jiu jitsu
        mma
        martial arts
        fencing
        archery
        skiing
        snowboarding
        skating
        ice skating
        skateboarding
        surfing
        swimming
        diving
        scuba diving
        snorkeling
        sailing
        rowing
        kayaking
        canoeing
        rafting
        climbing
        rock climbing
        bouldering
        hiking
        camping
        fishing
        hunting
        running
        jogging
        cycling
        biking
        mountain biking
        horseback riding
        riding horses
        yoga
        pilates
        crossfit
        weightlifting
        lifting weights
        working out
        gym
        dancing
        ballet
        salsa
        zumba
        tai chi
        meditation
        parkour
        triathlon
        marathon
        marathons
        # games
        chess
        poker
        bridge
        sudoku
        crosswords
        video games
        board games
        gaming
        # crafts and arts
        painting
        drawing
        sketching
        photography
        pottery
        ceramics
        knitting
        crochet
        crocheting
        sewing
        quilting
        embroidery
        calligraphy
        origami
        woodworking
        carpentry
        scrapbooking
        gardening
        baking
        cooking
        writing
        reading
        blogging
        singing
        # instruments
        guitar
        piano
        violin
        viola
        cello
        drums
        bass
        ukulele
        flute
        saxophone
        trumpet
        harp
        banjo
        keyboard
        harmonica
        """)

    /// Sports and exercise that describe a workout routine.
    static let exercises = WordList.set("""
        running
        jogging
        swimming
        cycling
        biking
        yoga
        pilates
        crossfit
        weightlifting
        lifting weights
        lift weights
        working out
        workout
        work out
        going to the gym
        the gym
        treadmill
        spinning
        rowing
        boxing
        hiit
        cardio
        """)
}
