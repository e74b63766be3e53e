extension Vocabulary {
    /// Health conditions a person says they have ("I have asthma", "I'm diabetic").
    static let healthConditions = WordList.set("""
        asthma
        diabetes
        type 1 diabetes
        type 2 diabetes
        depression
        anxiety
        adhd
        add
        autism
        ptsd
        ocd
        bipolar disorder
        insomnia
        migraines
        migraine
        arthritis
        high blood pressure
        low blood pressure
        hypertension
        high cholesterol
        celiac disease
        crohn's disease
        ibs
        epilepsy
        cancer
        lupus
        fibromyalgia
        multiple sclerosis
        ms
        chronic pain
        back pain
        a bad back
        a bad knee
        bad knees
        scoliosis
        eczema
        psoriasis
        acne
        tinnitus
        dyslexia
        a heart condition
        heart disease
        an eating disorder
        anemia
        hypothyroidism
        sleep apnea
        allergies
        hay fever
        a disability
        cerebral palsy
        down syndrome
        """)

    /// Conditions stated as adjectives: "I'm diabetic", "I'm deaf".
    static let healthAdjectives = WordList.set("""
        lactose intolerant
        gluten intolerant
        diabetic
        asthmatic
        celiac
        coeliac
        colorblind
        colourblind
        color blind
        epileptic
        anemic
        anaemic
        dyslexic
        autistic
        deaf
        hard of hearing
        blind
        legally blind
        disabled
        paralyzed
        bipolar
        pregnant
        overweight
        underweight
        obese
        diabetic
        nearsighted
        farsighted
        short-sighted
        """)

    /// Character words: "I am an introvert", "I'm very shy".
    static let personalityTraits = WordList.set("""
        introvert
        extrovert
        ambivert
        introverted
        extroverted
        shy
        outgoing
        lazy
        stubborn
        impatient
        optimistic
        pessimistic
        optimist
        pessimist
        perfectionist
        workaholic
        procrastinator
        people person
        antisocial
        easygoing
        easy going
        laid back
        laid-back
        nerd
        geek
        nerdy
        geeky
        homebody
        hard worker
        hard working
        hardworking
        bad liar
        good listener
        early riser
        neat freak
        clean freak
        control freak
        loner
        organized
        organised
        messy
        honest
        patient
        creative
        independent
        competitive
        ambitious
        adventurous
        sarcastic
        spontaneous
        """)

    /// Diets, matched as whole words ("I'm vegan", "I eat keto", "I'm on a low carb diet").
    static let diets = [
        "lacto-ovo vegetarian", "vegetarian", "vegan", "pescatarian", "pescetarian", "flexitarian", "keto",
        "ketogenic", "paleo", "carnivore", "plant-based", "plant based", "halal", "kosher", "gluten-free",
        "gluten free", "low-carb", "low carb", "dairy-free", "raw vegan", "mediterranean", "meat eater",
        "omnivore", "sugar-free", "sugar free", "intermittent fasting",
    ]
}
