package voice

// How far the voice rules look, in tokens. Each is a window a human reader
// takes in at a glance; they were set by reading the hand-labelled passages
// (pipeline/testdata/voice-gold.tsv and voice-rules.tsv) and are guarded by
// those tests.

// negationReach is how many tokens a negation particle reaches: "not a
// peaceful protest", "no immediate wholesale crackdown", but not "no role in
// the decision to aggressively disband".
const negationReach = 5

// denialReach is how many tokens a denial reaches: what is denied is a
// whole clause ("denied that security forces had opened fire on unarmed
// protesters"), so it reaches much further than a particle.
const denialReach = 20

// distancingReach is how far an adverb of distancing reaches: "allegedly
// shot at police and threw bombs", "allegedly by security forces".
const distancingReach = 6

// trailingCueReach: a cue just after a quotation introduces it when it
// stands within this many tokens of the closing mark (“...,” the interior
// minister, Mohsin Naqvi, said).
const trailingCueReach = 8

// frontedObjectReach: after a fronted object ("which it called deadly"),
// the characterisation runs at most this far.
const frontedObjectReach = 6

// asObjectReach: "referred to Saturday's attack as an act of war": the
// object between the cue and its "as" is at most this long.
const asObjectReach = 15

// reasonReach: the reason someone gives ("cited the risk of public
// gatherings being targeted by terrorists or exploited for anti-state
// activities as the rationale") is at most this long: a reason is often a
// whole clause, longer than an object characterised with "as".
const reasonReach = 25

// asPhraseReach: what follows "as" ("as a “massacre,”") runs at most this
// far.
const asPhraseReach = 10

// placePhrases: up to this many prepositional phrases may stand between a
// report verb and its content ("said in a statement on its website that").
const placePhrases = 3

// appositionReach: an apposition that the writer adds to reported content
// ("cameras, a contentious subject in New York, played") closes within
// this many tokens.
const appositionReach = 10

// adjunctWords: a writer's time adjunct after a comma opens within this
// many tokens ("hours after", "a day after").
const adjunctWords = 3

// relativeReach: a relative pronoun that owns a verb whose apparent subject
// is a preposition's object ("Pompeo, who while on a trip to the region
// earlier referred") stands at most this far before the verb.
const relativeReach = 12

// parenthesisReach: a parenthesis between a subject and its verb ("an
// official, who requested anonymity because ..., said") is at most this
// long.
const parenthesisReach = 30
