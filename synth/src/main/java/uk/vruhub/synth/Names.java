package uk.vruhub.synth;

import java.util.Map;
import java.util.SplittableRandom;

/** Common English forenames and surnames, and the familiar forms agencies record instead. */
final class Names {

  static final String[] MALE = {
    "Oliver",
    "Jack",
    "Harry",
    "Jacob",
    "Charles",
    "Thomas",
    "George",
    "James",
    "William",
    "Joshua",
    "Daniel",
    "Samuel",
    "Joseph",
    "Matthew",
    "Michael",
    "Alexander",
    "Benjamin",
    "Robert",
    "Andrew",
    "Christopher",
    "Nathan",
    "Lewis",
    "Kieran",
    "Connor",
    "Callum",
    "Tyler",
    "Reece",
    "Jordan",
    "Mohammed",
    "Ryan",
    "Liam",
    "Aaron",
    "Dylan",
    "Kyle",
    "Ethan",
    "Leon",
    "Jamal",
    "Kai",
    "Adam",
    "Luke",
    "Stephen",
    "Richard",
    "Peter",
    "Anthony",
    "David",
    "Edward",
    "Patrick",
    "Zachary"
  };
  static final String[] FEMALE = {
    "Olivia",
    "Amelia",
    "Emily",
    "Jessica",
    "Sophie",
    "Charlotte",
    "Chloe",
    "Megan",
    "Lauren",
    "Hannah",
    "Rebecca",
    "Jennifer",
    "Catherine",
    "Elizabeth",
    "Victoria",
    "Samantha",
    "Alexandra",
    "Margaret",
    "Shannon",
    "Courtney",
    "Jade",
    "Kayleigh",
    "Leah",
    "Paige",
    "Aisha",
    "Zara",
    "Holly",
    "Ellie",
    "Grace",
    "Lucy",
    "Amy",
    "Natalie",
    "Gemma",
    "Abigail",
    "Molly",
    "Ruby"
  };
  static final String[] SURNAMES = {
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Johnson",
    "Davies",
    "Robinson",
    "Wright",
    "Thompson",
    "Evans",
    "Walker",
    "White",
    "Roberts",
    "Green",
    "Hall",
    "Wood",
    "Jackson",
    "Clarke",
    "Patel",
    "Khan",
    "Lewis",
    "James",
    "Phillips",
    "Mason",
    "Mitchell",
    "Rose",
    "Davis",
    "Rodriguez",
    "Cox",
    "Alexander",
    "Morgan",
    "Moore",
    "Martin",
    "Price",
    "Hughes",
    "Edwards",
    "Turner",
    "Hill",
    "Harris",
    "Cooper",
    "Ward",
    "Morris",
    "King",
    "Baker",
    "Harrison",
    "Morgan",
    "Clark",
    "Young",
    "Allen",
    "Scott",
    "Adams",
    "Campbell",
    "Anderson",
    "Bell",
    "Murphy",
    "Kelly",
    "O'Brien",
    "O'Connor",
    "Ahmed",
    "Hussain",
    "Begum",
    "Ali",
    "Nowak",
    "Kowalski",
    "Okafor",
    "Mensah",
    "Nguyen",
    "Fitzgerald",
    "Gallagher",
    "McDonald",
    "MacLeod",
    "Smith-Jones",
    "Ashworth",
    "Brennan",
    "Doherty",
    "Fletcher",
    "Gibson",
    "Holloway",
    "Jennings",
    "Lambert",
    "Marsh",
    "Newton",
    "Parsons",
    "Quinn",
    "Rowe",
    "Sutton",
    "Thornton",
    "Vaughan",
    "Whitfield",
    "Yates",
    "Ziółkowski",
    "Brontë",
    "Mäkinen",
    "Dubois",
    "Ferreira",
    "Costa",
    "Silva"
  };

  /** Familiar forms, each of which the ingest services' forename-variant table knows. */
  static final Map<String, String[]> NICKNAMES =
      Map.ofEntries(
          Map.entry("William", new String[] {"Bill", "Will", "Billy", "Liam"}),
          Map.entry("James", new String[] {"Jim", "Jimmy", "Jamie"}),
          Map.entry("Thomas", new String[] {"Tom", "Tommy"}),
          Map.entry("Joshua", new String[] {"Josh"}),
          Map.entry("Daniel", new String[] {"Dan", "Danny"}),
          Map.entry("Samuel", new String[] {"Sam", "Sammy"}),
          Map.entry("Joseph", new String[] {"Joe", "Joey"}),
          Map.entry("Matthew", new String[] {"Matt"}),
          Map.entry("Michael", new String[] {"Mike", "Mikey", "Micky"}),
          Map.entry("Alexander", new String[] {"Alex", "Alec"}),
          Map.entry("Benjamin", new String[] {"Ben", "Benny"}),
          Map.entry("Robert", new String[] {"Rob", "Bob", "Robbie"}),
          Map.entry("Andrew", new String[] {"Andy", "Drew"}),
          Map.entry("Christopher", new String[] {"Chris", "Kris"}),
          Map.entry("Charles", new String[] {"Charlie"}),
          Map.entry("Stephen", new String[] {"Steve", "Steven"}),
          Map.entry("Richard", new String[] {"Rich", "Ricky"}),
          Map.entry("Anthony", new String[] {"Tony"}),
          Map.entry("David", new String[] {"Dave"}),
          Map.entry("Edward", new String[] {"Ed", "Eddie", "Ted"}),
          Map.entry("Patrick", new String[] {"Pat", "Paddy"}),
          Map.entry("Zachary", new String[] {"Zach", "Zak"}),
          Map.entry("Mohammed", new String[] {"Muhammad", "Mohammad", "Mohamed"}),
          Map.entry("Nathan", new String[] {"Nate"}),
          Map.entry("Lewis", new String[] {"Louis"}),
          Map.entry("Kieran", new String[] {"Kieron", "Ciaran"}),
          Map.entry("Olivia", new String[] {"Liv"}),
          Map.entry("Jessica", new String[] {"Jess"}),
          Map.entry("Sophie", new String[] {"Sophia"}),
          Map.entry("Charlotte", new String[] {"Lottie"}),
          Map.entry("Rebecca", new String[] {"Becky", "Becca"}),
          Map.entry("Jennifer", new String[] {"Jen", "Jenny"}),
          Map.entry("Catherine", new String[] {"Kate", "Katie", "Cath"}),
          Map.entry("Elizabeth", new String[] {"Liz", "Beth", "Lizzie"}),
          Map.entry("Victoria", new String[] {"Vicky", "Tori"}),
          Map.entry("Samantha", new String[] {"Sam"}),
          Map.entry("Alexandra", new String[] {"Alex", "Lexi"}),
          Map.entry("Margaret", new String[] {"Maggie", "Meg"}));

  /**
   * Forenames whose familiar forms are outside the services' variant table (as are some familiar
   * forms of the common forenames above), for the hard mess.
   */
  static final String[] FAMILIAR_MALE = {
    "John",
    "Jonathan",
    "Frederick",
    "Alfred",
    "Oliver",
    "Archibald",
    "Theodore",
    "Henry",
    "Jacob",
    "George"
  };

  static final String[] FAMILIAR_FEMALE = {
    "Eleanor", "Isabella", "Florence", "Matilda", "Harriet", "Amelia", "Abigail", "Emily"
  };

  /** Familiar forms the services' variant table does not (yet) know. */
  static final Map<String, String[]> UNLISTED_NICKNAMES =
      Map.ofEntries(
          Map.entry("John", new String[] {"Jon", "Johnny", "Jack"}),
          Map.entry("Jonathan", new String[] {"Jon", "Jonny"}),
          Map.entry("Frederick", new String[] {"Freddie", "Fred", "Freddy"}),
          Map.entry("Alfred", new String[] {"Alfie", "Alf"}),
          Map.entry("Oliver", new String[] {"Ollie", "Olly"}),
          Map.entry("Archibald", new String[] {"Archie"}),
          Map.entry("Theodore", new String[] {"Theo", "Teddy"}),
          Map.entry("Henry", new String[] {"Harry", "Hal"}),
          Map.entry("Jacob", new String[] {"Jake"}),
          Map.entry("George", new String[] {"Georgie"}),
          Map.entry("Eleanor", new String[] {"Ellie", "Nell", "Nora"}),
          Map.entry("Isabella", new String[] {"Izzy", "Bella"}),
          Map.entry("Florence", new String[] {"Flo", "Florrie"}),
          Map.entry("Matilda", new String[] {"Tilly", "Tilda"}),
          Map.entry("Harriet", new String[] {"Hattie"}),
          Map.entry("Amelia", new String[] {"Millie", "Amy"}),
          Map.entry("Abigail", new String[] {"Abbie", "Gail"}),
          Map.entry("Emily", new String[] {"Em", "Millie"}));

  /** Polish, Nordic and Balkan names, with letters that do not decompose to ASCII (ł, ø, đ). */
  static final String[] FOREIGN_MALE = {
    "Łukasz",
    "Wojciech",
    "Paweł",
    "Michał",
    "Przemysław",
    "Stanisław",
    "Rafał",
    "Søren",
    "Bjørn",
    "Jørgen",
    "Đorđe",
    "Đuro"
  };

  static final String[] FOREIGN_FEMALE = {
    "Małgorzata", "Łucja", "Bożena", "Michalina", "Sølvi", "Gøril", "Åse", "Đurđa", "Dragana"
  };

  static final String[] FOREIGN_SURNAMES = {
    "Kowalczyk",
    "Przybył",
    "Wróbel",
    "Michałowski",
    "Łukaszewski",
    "Gołębiowski",
    "Ødegaard",
    "Søndergaard",
    "Jørgensen",
    "Bjørnstad",
    "Đorđević",
    "Đukić"
  };

  private Names() {}

  /** A forename from {@code from}, not {@code other}. */
  static String pick(String[] from, String other, SplittableRandom random) {
    String name = from[random.nextInt(from.length)];
    return name.equals(other)
        ? from[(java.util.Arrays.asList(from).indexOf(name) + 1) % from.length]
        : name;
  }

  /** A familiar form outside the services' table, or the forename when it has none. */
  static String unlistedNickname(String forename, SplittableRandom random) {
    String[] forms = UNLISTED_NICKNAMES.get(forename);
    return forms == null ? forename : forms[random.nextInt(forms.length)];
  }

  /** A surname of two parts, neither hyphenated already. */
  static String doubleBarrelled(SplittableRandom random) {
    while (true) {
      String a = surname(random);
      String b = surname(random);
      if (!a.equals(b)
          && !a.contains("-")
          && !b.contains("-")
          && !a.contains("'")
          && !b.contains("'")) {
        return a + "-" + b;
      }
    }
  }

  /**
   * The name as a system that holds only ASCII writes it: the letters that do not decompose (ł, ø,
   * đ, æ, ß) replaced, the accents of the rest dropped.
   */
  static String ascii(String name) {
    StringBuilder b = new StringBuilder(name.length());
    for (char c : name.toCharArray()) {
      switch (c) {
        case 'ł' -> b.append('l');
        case 'Ł' -> b.append('L');
        case 'ø' -> b.append('o');
        case 'Ø' -> b.append('O');
        case 'đ' -> b.append('d');
        case 'Đ' -> b.append('D');
        case 'æ' -> b.append("ae");
        case 'Æ' -> b.append("Ae");
        case 'ß' -> b.append("ss");
        default -> b.append(c);
      }
    }
    return java.text.Normalizer.normalize(b, java.text.Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "");
  }

  static boolean isAscii(String name) {
    return name.chars().allMatch(c -> c < 128);
  }

  static String forename(char sex, SplittableRandom random) {
    String[] from = sex == 'F' ? FEMALE : MALE;
    return from[random.nextInt(from.length)];
  }

  static String surname(SplittableRandom random) {
    return SURNAMES[random.nextInt(SURNAMES.length)];
  }

  /** A familiar form of the forename, or the forename when it has none. */
  static String nickname(String forename, SplittableRandom random) {
    String[] forms = NICKNAMES.get(forename);
    return forms == null ? forename : forms[random.nextInt(forms.length)];
  }

  /** The surname with one letter mistyped, dropped or transposed with its neighbour. */
  static String typo(String surname, SplittableRandom random) {
    if (surname.length() < 4) {
      return surname;
    }
    char[] c = surname.toCharArray();
    int i = 1 + random.nextInt(c.length - 2);
    switch (random.nextInt(3)) {
      case 0 -> {
        char t = c[i];
        c[i] = c[i + 1];
        c[i + 1] = t;
        return new String(c);
      }
      case 1 -> {
        return surname.substring(0, i) + surname.substring(i + 1);
      }
      default -> {
        c[i] = (char) ('a' + random.nextInt(26));
        return new String(c);
      }
    }
  }
}
