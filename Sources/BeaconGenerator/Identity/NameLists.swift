/// Word lists for people, server roles and web hostnames. Invented combinations of common words, so the
/// data looks like an enterprise without naming real people or (apart from a few well-known sites in
/// `WebDestinations.wellKnownHosts`) real hosts.
enum NameLists {
    static let firstNames = [
        "adam", "alice", "amir", "anna", "ben", "carla", "chen", "daniel", "diana", "emma", "farah", "felix",
        "grace", "hana", "ivan", "jakub", "james", "julia", "kai", "karin", "lars", "lea", "luis", "maria",
        "marek", "mei", "nina", "noah", "olga", "omar", "paul", "priya", "rosa", "sam", "sara", "tom",
        "una", "victor", "wei", "yusuf", "zoe", "sean", "mary",
    ]

    static let lastNames = [
        "abbott", "bauer", "becker", "brown", "castro", "chen", "costa", "dubois", "evans", "fischer",
        "garcia", "hansen", "hoffmann", "ito", "jansen", "kaur", "kim", "kowalski", "larsen", "lee",
        "lopez", "martin", "meyer", "moreau", "muller", "nakamura", "nguyen", "novak", "obrien", "okafor",
        "olsen", "patel", "perez", "petrov", "quinn", "rossi", "santos", "schmidt", "silva", "singh",
        "smith", "tanaka", "taylor", "vogel", "walker", "weber", "wong", "young", "zimmer", "dvorak",
    ]

    static let serverRoles = ["app", "web", "sql", "file", "print", "exch", "ca", "backup", "mon", "build", "rds", "hv"]

    static let hostWords = [
        "alpine", "amber", "apex", "arc", "atlas", "aurora", "beacon", "birch", "blue", "bolt", "brick",
        "bright", "cedar", "cloud", "coast", "comet", "coral", "crest", "cube", "dawn", "delta", "drift",
        "echo", "ember", "falcon", "fern", "field", "flux", "forge", "fox", "frame", "glade", "globe",
        "gold", "grid", "harbor", "hawk", "helix", "hive", "iron", "jade", "kite", "lake", "lark", "leaf",
        "light", "lime", "link", "lotus", "lumen", "maple", "mesa", "metro", "mint", "moss", "nexus",
        "nova", "oak", "ocean", "olive", "orbit", "otter", "peak", "pine", "pixel", "plaza", "polar",
        "prism", "pulse", "quartz", "quill", "rapid", "raven", "reef", "ridge", "river", "rock", "sage",
        "shore", "signal", "silver", "sky", "slate", "solar", "spark", "spruce", "star", "stone", "storm",
        "summit", "swift", "tide", "timber", "trail", "tulip", "vale", "vertex", "vista", "wave", "willow",
        "wind", "zen", "zephyr",
    ]

    static let topLevelDomains = ["com", "com", "com", "com", "com", "net", "net", "org", "io", "de", "co.uk", "fr", "nl", "info"]
}
