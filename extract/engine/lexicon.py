"""Word lists the engine's rule modules share. Each list lives here once.

They are closed classes of English (function words, speech verbs, months) or the small sets
the parse-based rules key on (dependency labels, named-entity labels); open-class knowledge
(parts of speech, heads, entities) comes from the parse, not from lists.
"""

from __future__ import annotations

from collections.abc import Iterable

# Function words and a few frequent adverbs/time words that are never a measured thing alone.
STOP_WORDS = frozenset({
    "a", "an", "the", "this", "that", "these", "those", "and", "or", "but", "nor", "of", "in", "on",
    "at", "to", "for", "from", "by", "with", "without", "as", "than", "into", "onto", "over", "under",
    "about", "around", "after", "before", "since", "until", "during", "between", "among", "through",
    "per", "via", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do",
    "does", "did", "will", "would", "could", "should", "may", "might", "must", "can", "shall", "it",
    "its", "he", "she", "they", "them", "their", "his", "her", "we", "our", "you", "your", "i", "my",
    "who", "whom", "whose", "which", "what", "when", "where", "why", "how", "not", "no", "so", "if",
    "then", "there", "here", "also", "just", "only", "up", "down", "out", "off", "more", "less",
    "most", "least", "some", "all", "each", "every", "any", "both", "either", "neither", "such",
    "while", "whereas", "because", "although", "though", "yet", "still", "even", "ago", "later",
    "earlier", "now", "today", "yesterday", "tomorrow", "last", "next", "year", "years", "month",
    "months", "week", "weeks", "day", "days", "time", "said", "says", "say", "according", "against",
    "toward", "towards", "within", "across", "above", "below", "including", "like", "unlike",
    "near", "nearly", "almost", "roughly", "approximately", "compared", "versus", "vs",
    "cent", "percent", "mr", "mrs", "ms", "dr", "one", "two", "three", "four", "five", "six",
    "seven", "eight", "nine", "ten", "hundred", "thousand", "million", "billion", "trillion",
    "respectively", "apiece", "alone", "instead", "again", "too", "very", "well",
    "whole", "total", "overall", "further", "another", "other", "others", "own", "same",
    "first", "third", "fourth", "fifth", "latest", "previous", "past", "recent",
})

# Verbs (lemmas) by which a subject stands behind what the clause states: "X said", "X estimated",
# "estimates from X put growth at 3%".
SPEECH_VERBS = frozenset({
    "say", "report", "estimate", "write", "tell", "announce", "find", "show", "claim", "warn", "predict",
    "forecast", "calculate", "note", "add", "reveal", "disclose", "confirm", "publish", "tally", "tweet",
    "explain", "argue", "insist", "suggest", "project", "expect", "indicate", "conclude", "cite", "reckon",
    "assert", "allege", "acknowledge", "admit", "declare", "anticipate", "caution", "stress", "emphasise",
    "emphasize", "quote", "testify", "contend", "flag", "highlight", "recall", "concede",
})
# Verbs that report only in one frame, with the preposition that marks it: "estimates put growth
# at 3%" (but "concessions put forward"), "she pointed to the 300 jobs lost".
SPEECH_VERB_FRAMES = {"put": "at", "peg": "at", "place": "at", "point": "to"}
# Nouns for a body of evidence: "the report said", "figures from the ONS", "according to data".
SOURCE_NOUNS = frozenset({
    "report", "study", "survey", "data", "figure", "statistic", "analysis", "estimate", "research",
    "census", "poll", "assessment", "paper", "document", "filing", "review", "index", "calculation",
    "count", "tally", "forecast", "projection", "statement", "release", "audit", "investigation",
    "finding", "record", "number", "model", "inquiry", "briefing", "bulletin", "note", "list", "table",
    "ranking", "result",
})
# Nouns by which a news story calls back an organisation it has already named ("Acme Air said ...
# the airline says"): as a speech verb's subject with "the", they stand for the organisation last
# named. A public body ("the ministry", "the court") is only the one last named when its name says so.
# Of them, the nouns for a business call it back whatever describes them ("the global sports giant
# said", "the Japanese firm said"), where "the central bank said" may describe a source not named.
COMPANY_NOUNS = frozenset({
    "company", "firm", "group", "airline", "carrier", "lender", "insurer", "retailer", "chain",
    "broadcaster", "network", "studio", "publisher", "maker", "manufacturer", "producer", "supplier",
    "operator", "giant", "conglomerate", "corporation", "website", "site",
})
ORGANISATION_NOUNS = COMPANY_NOUNS | frozenset({
    "organisation", "organization", "party", "bank", "club", "team", "charity", "union", "watchdog", "regulator",
    "broker", "newspaper", "paper", "magazine", "agency", "channel", "station",
})
# Verbs (lemmas) of putting out evidence: "Acme released statistics which showed ..." makes Acme the
# source of what the statistics show.
PUBLISHING_VERBS = frozenset({"release", "publish", "issue", "produce", "compile", "unveil", "present"})
# Nouns for a whole trade speaking as one ("the film industry says"): a kind of reporter that never
# refers back to a name.
SOURCE_COLLECTIVES = frozenset({"industry"})
# Nouns for a kind of reporter; "analysts Jupiter", "the company said", "officials estimated".
SOURCE_ROLES = frozenset({
    "analyst", "official", "expert", "economist", "researcher", "scientist", "source", "investigator",
    "authority", "police", "doctor", "witness", "observer", "trader", "dealer", "broker", "spokesman",
    "spokeswoman", "spokesperson", "company", "firm", "bank", "ministry", "government", "group",
    "agency", "organisation", "organization", "body", "institute", "department", "regulator",
    "watchdog", "newspaper", "broadcaster", "council", "union", "insurer", "retailer", "chain",
    "carrier", "airline", "club", "team", "manager", "executive", "chief", "boss", "minister",
    "campaigner", "activist", "organiser", "organizer", "prosecutor", "court", "judge", "charity",
    "lawyer", "attorney", "solicitor", "barrister", "adviser", "advisor", "consultant", "director",
    "president", "chairman", "chairwoman", "leader", "representative", "politician", "party", "secretary",
    "maker", "commissioner", "governor", "mayor", "coach", "think-tank", "association", "federation",
    "committee", "commission", "board", "pollster", "strategist", "forecaster",
}) | ORGANISATION_NOUNS | SOURCE_COLLECTIVES
# Named-entity labels that can stand behind a figure.
SOURCE_ENTITY_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
# Conjunctions that open a clause set against the one before: "X wants £6m, but the firm said ...".
CONTRAST_CONJUNCTIONS = frozenset({"but", "while", "whereas", "although", "though", "yet"})
ORGANISATION_PRONOUNS = frozenset({"it", "they", "them"})
# Whose role speaks: "its chairman said", "their spokeswoman added" (the organisation last named).
ORGANISATION_POSSESSIVES = frozenset({"its", "their"})
# Named-entity labels whose numbers place or order things in time or rank, not measure them.
NOT_FIGURE_ENTITY_LABELS = frozenset({"DATE", "TIME", "ORDINAL"})

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
    "Nov", "Dec",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

MODALS = frozenset({"can", "could", "will", "would", "may", "might", "should", "must", "shall"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our"})
AUXILIARIES = frozenset({
    "has", "have", "had", "having", "is", "are", "was", "were", "be", "been", "being", "am", "will",
    "would", "can", "could", "may", "might", "should", "must", "shall", "do", "does", "did", "'s", "’s",
})
# Verbs (lemmas) of change and level whose subject is what changes: "rose 5%", "expects revenue to
# grow 5%", "may cause lake levels to climb 9 inches". (Those that move an object are OBJECT_CHANGE_VERBS.)
CHANGE_VERBS = frozenset({
    "rise", "fall", "grow", "increase", "decrease", "decline", "drop", "climb", "jump", "reach", "hit",
    "top", "exceed", "double", "triple", "surge", "soar", "slip", "slide", "shrink", "tumble", "plunge",
    "ease", "gain", "lose", "average", "total", "stay", "remain", "close", "end", "finish", "stand", "dip",
    "slump", "sink", "rally", "advance", "retreat", "edge", "widen", "narrow",
})
# Nouns that frame a number rather than being what it measures: "a total of 496 tankers",
# "a record high of $48", "the level of 2%".
NUMBER_FRAMES = frozenset({
    "total", "number", "maximum", "minimum", "equivalent", "sum", "tally", "count", "average",
    "figure", "amount", "range", "handful", "lot", "couple", "pair", "one", "high", "low",
    "level", "record", "peak", "trough", "mark", "tune", "estimate", "value",
})
# Nouns that name a dimension of something: "a depth of 14 metres" measures the thing's depth.
DIMENSION_NOUNS = frozenset({
    "depth", "height", "length", "width", "size", "weight", "speed", "distance", "area", "temperature",
    "altitude", "diameter", "radius", "volume", "capacity", "duration", "age", "mass", "pressure",
    "magnitude", "thickness", "elevation",
})
RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom", "whose"})
# Words between a qualifier-free slot and a number: "in (nearly) five years", "the past (more than) two years".
QUALIFIER_WORDS = (
    "about", "around", "nearly", "almost", "over", "more than", "less than", "fewer than", "some",
    "roughly", "just", "only", "approximately", "at least", "up to", "well over", "barely", "exactly",
    "precisely",
)
# Nouns that name a stretch of time itself: "over a five-year period" spreads an amount over it,
# while "during the four-day fair" says how long the fair lasts.
TIME_SPAN_NOUNS = frozenset({
    "period", "spell", "stretch", "span", "window", "timeframe", "time-frame", "timescale", "timespan",
    "phase", "interval", "time",
})
# Words before a duration that make it a stretch of the calendar, which places an event in time
# rather than measuring it: "the past two years", "the prior two months", "over the next five years".
PERIOD_DETERMINERS = (
    "past", "last", "previous", "prior", "preceding", "next", "coming", "following", "first", "second", "final",
    "opening", "closing", "recent", "latest",
)
# Superlatives after which "in"/"for" a period says how rare the event is: "the best showing in five
# years", "its lowest level for 20 years".
SUPERLATIVES = (
    "best", "worst", "first", "most", "least", "highest", "lowest", "biggest", "largest", "smallest",
    "strongest", "weakest", "fastest", "slowest", "sharpest", "steepest", "deepest", "longest",
    "shortest", "busiest", "hottest", "coldest", "warmest", "wettest", "driest", "cheapest", "greatest",
    "heaviest", "lightest", "worst-ever", "best-ever", "only", "second", "third", "fourth", "fifth", "last",
)
# Adjectives after which a percentage is a figure of speech, not a share: "100% certain".
FIGURE_OF_SPEECH_ADJECTIVES = (
    "certain", "sure", "confident", "committed", "convinced", "behind", "right", "wrong", "correct",
    "fit", "honest", "serious", "focused", "focussed", "genuine", "positive", "satisfied", "happy",
    "accurate", "guaranteed", "dedicated",
)
# Nouns for people taken as a group, after which "over 60" or "aged 18" is an age: "people over 60".
PERSON_GROUP_NOUNS = (
    "people", "persons", "those", "men", "women", "children", "adults", "pensioners", "anyone",
    "everyone", "voters", "workers", "patients", "drivers", "residents", "youngsters", "students",
    "teenagers", "girls", "boys", "citizens", "individuals", "employees", "customers", "smokers",
)
# Words after which a number is the denominator of a rate, not an amount: "7 beds per 1,000 people",
# "one in every four", "for every 100 jobs".
DENOMINATOR_WORDS = ("per", "for every", "in every", "for each", "in each")
# Nouns after a distance that make it a race ("the 200m final", "the 400m world record"), not a length.
# Words that set a race noun's scope right after a distance: "the 3,000m world record", "60m indoor title".
RACE_SCOPES = frozenset({"world", "indoor", "outdoor", "olympic", "european", "commonwealth", "national",
                         "british", "junior", "area"})
RACE_NOUNS = frozenset({
    "final", "finals", "semi-final", "semi-finals", "race", "heat", "heats", "title", "event", "crown",
    "gold", "silver", "bronze", "medal", "champion", "hurdles", "relay", "freestyle", "backstroke",
    "breaststroke", "butterfly", "steeplechase", "record", "sprint", "individual", "medley", "races", "titles",
    "crowns", "champions", "favourite", "favourites", "sprints", "relays", "runner", "runners", "hurdler",
    "hurdlers", "specialist", "ranking", "rankings", "stage", "mark",
})
# The distances of the standard track and road races, in metres: "won the 800m", "a 5,000m place",
# "Wales's 200m woman" name an event, not a length run.
TRACK_DISTANCES = frozenset({60, 100, 110, 200, 400, 800, 1500, 3000, 5000, 10000})
# Headings of a team sheet or a draw, after which "Name (53)" is a minute or a seeding.
TEAM_SHEET_WORDS = frozenset({
    "replacements", "replacement", "subs", "substitutes", "booked", "bookings", "sent off", "sin-bin",
    "sin bin", "seeds", "seeded", "seedings", "scorers", "tries", "cons", "pens", "drop goal",
})
# Verbs (lemmas) of the events of a life, after which "at 27" is an age: "became an MP at 27",
# "died at 85", "left school at 16".
LIFE_EVENT_VERBS = frozenset({
    "become", "die", "retire", "marry", "elect", "appoint", "leave", "quit", "debut", "graduate",
    "emigrate",
})
# Verbs (lemmas) whose object, when it is a bare number, counts people: "the blast killed five",
# "police arrested three".
CASUALTY_VERBS = frozenset({
    "kill", "injure", "wound", "hurt", "arrest", "detain", "rescue", "evacuate", "kidnap", "abduct",
    "execute", "free", "release",
})
# Verbs (lemmas) whose object is an amount of money: after them a bare "millions" is money ("is
# investing millions", "costs them billions", "worth millions").
MONEY_VERBS = frozenset({
    "pay", "spend", "charge", "bid", "offer", "invest", "earmark", "allocate", "cost", "earn", "lose",
    "raise", "make", "seek", "save", "owe", "borrow", "lend", "fine", "award", "donate", "give", "grant",
    "receive", "claim", "demand", "win", "generate", "bring", "pump", "plough", "sink", "inject", "waste",
    "worth",
})


# Number words below a hundred and their values (the number grammar adds them up: "twenty five").
SMALL_NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
# Vague plurals: "dozens of people" (12-120), "hundreds of families" (100-1,000).
VAGUE_PLURALS = {"dozens": (12, 120), "scores": (20, 200), "hundreds": (100, 1000),
                 "thousands": (1e3, 1e4), "millions": (1e6, 1e7), "billions": (1e9, 1e10),
                 "trillions": (1e12, 1e13)}
# Titles written before a surname: the capitalised word after one is a person's name.
HONORIFICS = frozenset({"Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Sir", "Dame", "Lord", "Lady"})
# Words that add to what was counted before: "six other unions", "four more fixes", "another
# million", "a further billion".
MORE_OF_THE_SAME = frozenset({"other", "more", "another", "further", "extra", "additional"})
# Adverbs that count how many times ("scored twice", "twice as long"): a figure in the unit "time",
# as "five times" is.
MULTIPLE_ADVERBS = {"twice": 2, "thrice": 3}
# Verbs before which such an adverb is an idiom, not a count: "think twice".
MULTIPLE_IDIOM_VERBS = frozenset({"think", "thinks", "thought", "thinking"})

def word_forms(lemmas: frozenset[str] | set[str]) -> frozenset[str]:
    """Every inflected form of these verbs (lemminflect's English lexicon), the lemmas included."""
    from lemminflect import getAllInflections

    forms = set(lemmas)
    for word in lemmas:
        for inflections in getAllInflections(word, upos="VERB").values():
            forms.update(inflections)
    return frozenset(forms)


# The units of a duration, shortest first. `DURATION_UNIT_WORDS` matches each in the singular or the
# plural ("second" or "seconds", "century" or "centuries").
DURATION_UNITS = ("second", "minute", "hour", "day", "week", "month", "year", "decade", "century")
DURATION_UNIT_WORDS = "|".join(f"{unit[:-1]}(?:y|ies)" if unit.endswith("y") and unit != "day" else f"{unit}s?"
                               for unit in DURATION_UNITS)


def phrase_alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of these phrases, any run of whitespace between their words: "for
    every" matches "for  every" and a line break."""
    return "|".join(phrase.replace(" ", r"\s+") for phrase in phrases)


# Verbs (lemmas) of paying, losing and fining, and the noun for what their amount is: "agreed to pay
# $1m" is a payment, "lost $646m" a loss, "was fined $1.5m" a fine.
TRANSACTION_NOUNS = {
    "pay": "payment", "fine": "fine", "lose": "loss", "spend": "spending", "earn": "earnings",
    "owe": "debt", "borrow": "borrowing", "lend": "loan", "invest": "investment", "donate": "donation",
    "save": "saving", "budget": "budget", "bid": "bid", "award": "award", "charge": "charge",
    "refund": "refund", "compensate": "compensation", "reimburse": "reimbursement", "bet": "bet",
    "wager": "wager", "bribe": "bribe", "fund": "funding", "subsidise": "subsidy", "subsidize": "subsidy",
    "tax": "tax", "levy": "levy", "cost": "cost", "offer": "offer", "contribute": "contribution",
    "claim": "claim", "demand": "demand", "allocate": "allocation", "grant": "grant", "inherit": "inheritance",
    "gross": "takings", "take": "takings", "make": "earnings", "price": "price", "earmark": "allocation",
    "repay": "repayment",
}
# Verbs (lemmas) of a penalty and the noun for how long it lasts: "jailed for six years" is a jail
# term, "banned for nine months" a ban, "sentenced to 200 hours" a sentence.
PENALTY_NOUNS = {
    "jail": "jail term", "imprison": "prison term", "ban": "ban", "suspend": "suspension", "sentence": "sentence",
    "bar": "ban", "detain": "detention",
}
# Verbs (lemmas) by which a thing changes hands "for" an amount, and the noun for that amount:
# "the house sold for £60,000" is its sale price, "he was signed for £4.6m" a transfer fee.
BOUGHT_FOR_NOUNS = {
    "sell": "sale price", "buy": "purchase price", "purchase": "purchase price", "acquire": "purchase price",
    "sign": "transfer fee",
}
# Verbs (lemmas) of ending up somewhere: what the subject does so "with" is its own ("the side
# finished with 30 points"); after other verbs "with" names company ("strike with six unions").
ENDING_UP_VERBS = frozenset({
    "finish", "end", "close", "come", "start", "begin", "open", "leave", "return", "emerge", "walk", "go",
    "wind", "sign", "retire", "exit",
})
# Prepositions: the noun phrase after one is its object, never the doer of a verb that follows.
PREPOSITIONS = frozenset({
    "in", "on", "at", "of", "for", "from", "by", "with", "to", "into", "over", "under", "after", "before",
    "since", "during", "about", "against", "between", "through",
})
# Verbs (lemmas) that move their object to or by an amount: "lowered its guidance to $84bn",
# "raised interest rates three times to 4%", "took the year's total to 2.2 million".
OBJECT_CHANGE_VERBS = frozenset({
    "lower", "raise", "cut", "increase", "reduce", "boost", "lift", "trim", "hike", "slash", "revise",
    "upgrade", "downgrade", "take", "bring", "push", "drive", "double", "halve", "triple", "mark", "extend",
    "expand", "shorten", "widen", "narrow", "stretch", "grow", "shrink",
})
# Verbs (lemmas) by which an amount is paid for something: "paying over $100m for work", "the
# council gives £50 for school meals".
PAYING_VERBS = frozenset({
    "pay", "spend", "charge", "bid", "offer", "invest", "earmark", "allocate", "give", "grant", "award",
    "donate", "provide", "pledge", "commit", "budget", "raise", "seek", "ask", "demand", "receive", "get",
})
# Nouns of the calendar and the clock: never what a figure measures ("guidance for the year").
TIME_NOUNS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "week", "month", "year",
    "quarter", "day", "night", "morning", "afternoon", "evening", "weekend", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "decade",
    "century",
})
# Nouns of change whose "in"/"of" phrase says what changed: "a 20% rise in pre-tax profits".
CHANGE_NOUNS = frozenset({
    "rise", "fall", "increase", "decrease", "drop", "decline", "cut", "gain", "loss", "jump", "growth",
    "reduction", "slump", "surge", "hike", "boost", "dip", "slide", "contraction", "expansion",
    "improvement", "deterioration", "shortfall", "change", "swing", "upturn", "downturn", "investment",
    "stake", "share", "interest", "spending", "rebound", "climb", "plunge", "collapse",
})
# Words the lexicon lists as nouns that are far more often verbs in news copy ("rose", "costs");
# after a determiner they are nouns again ("the cost was").
VERB_LOOKING_NOUNS = frozenset({
    "climb", "climbs", "cost", "costs", "cut", "cuts", "decline", "declines", "drop", "drops",
    "employs", "estimates", "expects", "faces", "fall", "falls", "fell", "forecasts", "gain", "gains",
    "hit", "hits", "holds", "increase", "increases", "jump", "jumps", "leads", "loses", "needs",
    "pays", "plans", "posts", "reaches", "reports", "rise", "rises", "rose", "sells", "set", "sets",
    "shows", "slides", "stood", "surge", "surges", "tops", "trades",
})
# ... and those that, right after a noun, end its phrase ("prices stand at", "a deal worth").
VERBS_AFTER_NOUNS = VERB_LOOKING_NOUNS | {
    "account", "accounts", "average", "averages", "buy", "buys", "charge", "charges", "drive",
    "drives", "due", "earn", "earns", "employ", "estimate", "expect", "face", "forecast", "go", "goes",
    "hold", "lead", "lose", "lost", "mere", "need", "offer", "offers", "paid", "pay", "plan", "post",
    "produce", "produces", "range", "ranges", "rate", "rated", "reach", "record", "records", "report",
    "sell", "show", "sit", "sits", "slide", "sold", "spend", "spends", "spent", "staggering", "stand",
    "stands", "top", "total", "totals", "trade", "use", "used", "value", "values", "whopping", "worth",
}
# ... and those that, standing alone, are taken for a finite verb ("Acme owns", "it sank").
FINITE_VERB_FORMS = VERB_LOOKING_NOUNS | {
    "adds", "aims", "bet", "boasts", "counts", "dips", "grows", "hires", "hosts", "lay", "led", "left",
    "nets", "owns", "plunges", "put", "puts", "sank", "saw", "scores", "shed", "sheds", "sinks",
    "slumps", "soars", "tumbles", "wins",
}
# Verbs (lemmas) that take an amount off something, with the prepositions that name it: "slash $5bn
# from its costs", "wiped 10% off the firm's value", "added $2bn to its debt".
AMOUNT_TAKEN_FROM = {
    "cut": ("from", "off"), "slash": ("from", "off"), "trim": ("from", "off"), "shave": ("from", "off"),
    "knock": ("off",), "wipe": ("from", "off"), "save": ("on",), "remove": ("from",), "shed": ("from", "off"),
    "strip": ("from", "off"), "lop": ("off",), "chop": ("off",), "add": ("to", "onto"), "take": ("off",),
}
# What a share is commonly taken of to scale a quantity, rather than what it measures: "a deficit
# of 5.8% of GDP" measures the deficit.
SHARE_BASES = frozenset({
    "gdp", "gnp", "gross domestic product", "national income", "economic output", "national output",
    "the economy", "economy",
})
# Verbs (lemmas) of opinion and answer by which a share of those asked is described: "47% said they
# backed the plan", "a quarter think prices will rise" (the share is of those who did so).
OPINION_VERBS = frozenset({
    "say", "think", "believe", "feel", "want", "support", "oppose", "agree", "disagree", "prefer",
    "favour", "favor", "back", "reject", "vote", "approve", "disapprove", "fear", "worry", "trust",
    "expect", "intend", "plan", "admit", "describe", "consider", "rate", "doubt", "like", "dislike",
})
# Words that open a clause of their own, so a figure right after one stands at its clause's start.
CLAUSE_OPENERS = frozenset({
    "because", "and", "but", "while", "whereas", "since", "although", "though", "when", "where", "if",
    "that", "as", "with", "so",
})
# Verbs (lemmas) whose object is counted as the subject's own: "Dell will lay off 6,650 employees"
# counts Dell's employees, "Ford has 13,000 workers" Ford's workers. "Drone attacks hit two
# refineries" does not make them the attacks' refineries, so other verbs leave the counted noun
# alone; "count" is not one: "officials counted 300 victims" are not the officials' victims.
POSSESSION_VERBS = frozenset({
    "have", "own", "employ", "hire", "boast", "score", "net", "win", "perform", "deliver", "sell",
    "produce", "operate", "serve", "attract", "lay", "shed", "lose", "create", "concede", "contain",
    "register", "build", "ship", "host", "house", "recruit", "sign", "open", "close", "add", "cut",
    "run", "manage", "field",
})
