extension Vocabulary {
    /// Car makes and kinds of vehicle: "I drive a Subaru", "I have a Jaguar".
    static let carWords = WordList.set("""
        car
        truck
        pickup
        van
        minivan
        suv
        jeep
        motorcycle
        motorbike
        scooter
        convertible
        sedan
        toyota
        honda
        ford
        chevy
        chevrolet
        dodge
        jaguar
        bmw
        mercedes
        audi
        volkswagen
        vw
        tesla
        subaru
        nissan
        mazda
        hyundai
        kia
        volvo
        porsche
        ferrari
        lamborghini
        lexus
        jeep
        mini
        prius
        corvette
        mustang
        camaro
        harley
        """)

    /// Phones and computers: "I have an iPhone", "I own a laptop".
    static let phoneWords = WordList.set("""
        iphone
        android
        samsung
        galaxy
        pixel
        smartphone
        flip phone
        """)

    static let computerWords = WordList.set("""
        laptop
        macbook
        mac
        pc
        computer
        desktop
        chromebook
        gaming pc
        thinkpad
        """)
}
