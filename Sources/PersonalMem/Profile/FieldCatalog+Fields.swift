extension FieldCatalog {
    /// The built-in fields, by category. Order here is the order of the rendered context.
    static let builtInFields: [FieldDefinition] = [
        // identity
        .init("name", .identity, .text, "Full or preferred name"),
        .init("nickname", .identity, .text, "What the user likes to be called"),
        .init("age", .identity, .integer, "Age in years", range: 0...150),
        .init("birthday", .identity, .text, "Birthday, e.g. 1990-05-17 or May 17"),
        .init("birth_year", .identity, .integer, "Year of birth", range: 1900...2100),
        .init("gender", .identity, .text, "Gender"),
        .init("nationality", .identity, .text, "Nationality"),
        .init("ethnicity", .identity, .text, "Ethnicity"),
        .init("email", .identity, .text, "Email address"),
        .init("phone", .identity, .text, "Phone number"),
        // location
        .init("location", .location, .text, "Where the user lives now"),
        .init("city", .location, .text, "City of residence"),
        .init("country", .location, .text, "Country of residence"),
        .init("hometown", .location, .text, "Where the user grew up or comes from"),
        .init("timezone", .location, .text, "Time zone"),
        .init("address", .location, .text, "Postal address"),
        // work and education
        .init("role", .work, .text, "Current role or occupation"),
        .init("job_title", .work, .text, "Formal job title"),
        .init("company", .work, .text, "Current company or employer"),
        .init("employer", .work, .text, "Employer, when different from company"),
        .init("industry", .work, .text, "Industry"),
        .init("salary_range", .work, .text, "Salary range"),
        .init("work_schedule", .work, .text, "Working hours or schedule"),
        .init("experience_years", .work, .integer, "Years of professional experience", range: 0...80),
        .init("education", .work, .text, "Highest or current education"),
        .init("university", .work, .text, "University or college"),
        .init("degree", .work, .text, "Degree"),
        .init("graduation_year", .work, .integer, "Year of graduation", range: 1900...2100),
        .init("career_goals", .work, .list, "Career goals"),
        .init("jobs", .work, .objects, "Jobs held: objects with company, role, type"),
        // skills
        .init("skills", .skills, .list, "Skills"),
        .init("programming_languages", .skills, .list, "Programming languages used"),
        .init("tools", .skills, .list, "Tools and software used"),
        .init("certifications", .skills, .list, "Certifications"),
        .init("expertise", .skills, .list, "Areas of expertise"),
        // preferences
        .init("likes", .preferences, .list, "Things the user likes"),
        .init("dislikes", .preferences, .list, "Things the user dislikes"),
        .init("hobbies", .preferences, .list, "Hobbies"),
        .init("interests", .preferences, .list, "Interests"),
        .init("favorite_color", .preferences, .text, "Favourite colour"),
        .init("favorite_food", .preferences, .text, "Favourite food"),
        .init("favorite_movie", .preferences, .text, "Favourite film"),
        .init("favorite_book", .preferences, .text, "Favourite book"),
        .init("favorite_music", .preferences, .text, "Favourite music or artist"),
        .init("favorite_sport", .preferences, .text, "Favourite sport"),
        // lifestyle
        .init("diet", .lifestyle, .text, "Diet, e.g. vegetarian"),
        .init("exercise_routine", .lifestyle, .text, "Exercise routine"),
        .init("sleep_schedule", .lifestyle, .text, "Sleep schedule"),
        .init("work_style", .lifestyle, .text, "Way of working"),
        .init("communication_style", .lifestyle, .text, "Preferred communication style"),
        .init("morning_person", .lifestyle, .text, "Morning person or night owl"),
        // relationships
        .init("family", .relationships, .list, "Family members, e.g. 'sister: Anna'"),
        .init("pets", .relationships, .list, "Pets, e.g. 'dog: Max'"),
        .init("pet_name", .relationships, .text, "Name of the user's pet"),
        .init("relationship_status", .relationships, .text, "Relationship status"),
        .init("partner_name", .relationships, .text, "Partner's name"),
        .init("spouse_name", .relationships, .text, "Spouse's name"),
        .init("children", .relationships, .list, "Children"),
        // languages
        .init("languages", .languages, .list, "Languages the user speaks"),
        .init("native_language", .languages, .text, "Native language"),
        .init("learning_languages", .languages, .list, "Languages the user is learning"),
        // health
        .init("allergies", .health, .list, "Allergies"),
        .init("health_conditions", .health, .list, "Health conditions"),
        .init("blood_type", .health, .text, "Blood type"),
        .init("height", .health, .text, "Height"),
        .init("weight", .health, .text, "Weight"),
        // personality
        .init("personality_type", .personality, .text, "Personality type, e.g. INTJ"),
        .init("personality_traits", .personality, .list, "Personality traits"),
        .init("values", .personality, .list, "Values"),
        .init("life_goals", .personality, .list, "Life goals"),
        .init("fears", .personality, .list, "Fears"),
        .init("strengths", .personality, .list, "Strengths"),
        .init("weaknesses", .personality, .list, "Weaknesses"),
        // possessions
        .init("car", .possessions, .text, "Car"),
        .init("phone_model", .possessions, .text, "Phone model"),
        .init("computer", .possessions, .text, "Computer"),
        // social
        .init("social_media", .social, .list, "Social media accounts"),
        .init("website", .social, .text, "Website"),
        .init("blog", .social, .text, "Blog"),
        // other
        .init("habits", .other, .list, "Habits"),
        .init("routines", .other, .list, "Routines"),
        .init("memorable_facts", .other, .list, "Memorable facts"),
        .init("achievements", .other, .list, "Achievements"),
        .init("travel_history", .other, .list, "Places travelled to"),
        .init("bucket_list", .other, .list, "Bucket list"),
        .init("fun_facts", .other, .list, "Fun facts"),
    ]

    /// Favourites named in the plural hold several items: `favorite_foods`, `favorite_movies`,
    /// `favorite_tv_shows`. Words that end in "s" in the singular stay text.
    static func isPluralFavorite(_ name: String) -> Bool {
        guard name.hasPrefix("favorite_"), let last = name.split(separator: "_").last, last.count > 2 else { return false }
        let singularEndingInS: Set<Substring> = ["series", "class", "glass", "bus", "chess", "dress", "news", "sus", "species", "analysis", "genius", "physics", "mathematics", "athletics", "gymnastics", "lyrics"]
        return last.hasSuffix("s") && !last.hasSuffix("ss") && !last.hasSuffix("us") && !singularEndingInS.contains(last)
    }

    /// Pairs of list fields that exclude each other: adding an item to one removes it from the other.
    static let builtInOpposites: [(String, String)] = [("likes", "dislikes")]
}
