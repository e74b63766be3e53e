extension Vocabulary {
    /// Animals kept as pets, and dog and cat breeds (matched with an optional plural "s" or "es").
    static let pets = WordList.entries("""
        dog
        puppy
        pup
        cat
        kitten
        kitty
        hamster
        gerbil
        rabbit
        bunny
        guinea pig
        parrot
        bird
        budgie
        cockatiel
        canary
        parakeet
        finch
        fish
        goldfish
        betta
        turtle
        tortoise
        snake
        boa
        python
        lizard
        gecko
        iguana
        bearded dragon
        chameleon
        ferret
        horse
        pony
        donkey
        goat
        pig
        cow
        chicken
        hen
        duck
        chinchilla
        hedgehog
        axolotl
        tarantula
        spider
        frog
        rat
        mouse
        # dog breeds
        golden retriever
        labrador retriever
        retriever
        labrador
        lab
        german shepherd
        german shepard
        shepherd
        border collie
        collie
        poodle
        labradoodle
        goldendoodle
        beagle
        husky
        corgi
        bulldog
        french bulldog
        terrier
        yorkie
        dachshund
        chihuahua
        pug
        spaniel
        cocker spaniel
        pit bull
        pitbull
        boxer dog
        rottweiler
        doberman
        great dane
        greyhound
        shih tzu
        maltese
        pomeranian
        schnauzer
        mastiff
        dalmatian
        sheepdog
        mutt
        # cat breeds
        tabby
        siamese
        persian cat
        maine coon
        ragdoll
        """)
}
