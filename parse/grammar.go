package parse

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/unblock-dev/unblock"
)

// The built-in lexicon is data: lexicon.txt holds the cue families, the word
// classes the rules test, the things people wait for and their owners.
//
//go:embed lexicon.txt
var lexiconFile string

// classID names one word class (lexicon.txt's "class" lines).
type classID uint16

// classSet is a set of word classes, one bit each. It is a small fixed array,
// not a slice: a token carries it by value and testing a class costs one index
// and one mask, with no allocation. Raise classWords when numClasses outgrows it.
type classSet [classWords]uint64

// classWords is how many 64-bit words a classSet holds.
const classWords = 5

// has reports whether s holds class c. It takes a pointer so that testing a
// token's class reads one word of it, not a copy of the set.
func (s *classSet) has(c classID) bool { return s[c>>6]&(1<<(c&63)) != 0 }

// overlaps reports whether s and o share a class.
func (s *classSet) overlaps(o *classSet) bool {
	for i := range s {
		if s[i]&o[i] != 0 {
			return true
		}
	}
	return false
}

// add puts class c in s.
func (s *classSet) add(c classID) { s[c>>6] |= 1 << (c & 63) }

// setOf returns the set of classes cs.
func setOf(cs ...classID) classSet {
	var s classSet
	for _, c := range cs {
		s.add(c)
	}
	return s
}

const (
	cWorkNoun               classID = iota // work-noun: names work a blocker holds up
	cFunctionWord                          // function-word: a pronoun, conjunction, preposition or auxiliary, which cannot be the thing that blocks
	cFilter                                // filter
	cCompoundBlocker                       // compound-blocker: a word that, before "blocker", makes it a release or CI term ("release blocker", "merge blocker") rather than the author's blocker
	cObjectWord                            // object-word: after "unblocked", names someone the author helped
	cKnowVerb                              // know-verb: before "if", makes it "whether": "not sure if", "asked if", "check if"
	cFirstPersonContraction                // first-person-contraction: "I'm", "we're", "I've" and the like
	cOpinionVerb                           // opinion-verb: negated, denies a judgement ("don't see", "don't think")
	cNameIntro                             // name-intro: introduces a person or organisation waited on
	cTopicAdjective                        // topic-adjective: a determiner that still says which thing is awaited
	cGroupWord                             // group-word: after a target, only says it is a group: "the analytics team"
	cPureDet                               // pure-det: an article, a demonstrative, a possessive or a quantifier: a word a topic leaves out
	cLeadFiller                            // lead-filler: before the awaited thing, adds nothing to it
	cRequestVerb                           // request-verb: asks for the awaited thing ("to approve the copy"), so that its object, not the verb, is the topic
	cActionNoun                            // action-noun
	cEmptyNoun                             // empty-noun: says only that something is awaited, so that what it is about is the topic: "no word from legal on the DPA" -> "DPA"
	cTimeWord                              // time-word: starts a time, a count of days or a repetition that ends a topic: "checkout mocks, day 5", "the spec again", "by EOD"
	cBe                                    // be
	cDet                                   // det
	cFirstPerson                           // first-person
	cSubject                               // subject
	cNegator                               // negator
	cHypothetical                          // hypothetical: makes its clause a condition, a possibility, a habit or advice rather than a report
	cFuture                                // future: puts a resolution in the future
	cStop                                  // stop: a function word that cannot be part of a noun phrase naming a target
	cCommonCapital                         // common-capital: a capitalised word that is ordinary (days, months, abbreviations) and never a person or an organisation
	cProgressVerb                          // progress-verb: follows "can't" in a report of being unable to move on
	cArrival                               // arrival: says that an awaited thing came, in the clause after "until", "once" or "before": "until the spec lands"
	cResponseNoun                          // response-noun: what "no …" and "haven't … " say has not come
	cNoneWordStrong                        // none-word-strong
	cNoneWordWeak                          // none-word-weak
	cBlockNoun                             // block-noun: names blockers in a none answer: "no blockers", "nothing blocking", "no impediments"
	cCalendar                              // calendar: where time is booked: what is "blocked" in it is booked, not waiting
	cTimeSpan                              // time-span: booked time beside a block word: "time blocked", "blocked time", "focus block"
	cCandidateWord                         // candidate-word: a word blockers, resolutions and nones are told with (see Candidate)
	cArrivalVerb                           // arrival-verb
	cAfterPassive                          // after-passive
	cCheck                                 // check
	cAccessSubject                         // access-subject
	cChoiceVerb                            // choice-verb
	cTalkWord                              // talk-word
	cPendingState                          // pending-state
	cProcessNoun                           // process-noun
	cNotTopic                              // not-topic
	cSecondPersonPossessive                // second-person-possessive
	cIncomingRequest                       // incoming-request
	cOpenState                             // open-state
	cAwaitedAct                            // awaited-act
	cHeaderBlockers                        // header-blockers
	cHeaderRisks                           // header-risks
	cHeaderDone                            // header-done
	cHeaderPlan                            // header-plan
	cHeaderOther                           // header-other
	cHeaderFiller                          // header-filler
	cHeaderYou                             // header-you
	cHeaderDecisions                       // header-decisions
	cHeaderNeed                            // header-need
	cTimeOpener                            // time-opener
	cPastTense                             // past-tense
	cReceiveGerund                         // receive-gerund
	cWaitAdverb                            // wait-adverb
	cOKWord                                // ok-word
	cLookNoun                              // look-noun
	cWaitingPlace                          // waiting-place
	cGatedRelease                          // gated-release
	cOwnedAct                              // owned-act
	cStoreName                             // store-name
	cStoreKind                             // store-kind
	cStoreThing                            // store-thing
	cNoneLead                              // none-lead
	cNoneReason                            // none-reason
	cNoneMissing                           // none-missing
	cTalkNoun                              // talk-noun
	cProposeVerb                           // propose-verb
	cMustWait                              // must-wait
	cRequestNoun                           // request-noun
	cObjectArrival                         // object-arrival
	cLabelNoun                             // label-noun
	cDefineVerb                            // define-verb
	cBlockerLabelNoun                      // blocker-label-noun
	cTechBlocking                          // tech-blocking
	cNumberWord                            // number-word
	cTicketState                           // ticket-state
	cChoiceAdjective                       // choice-adjective
	cEverydayName                          // everyday-name
	cFiller                                // filler
	cNoneNoun                              // none-noun
	cNoneDegree                            // none-degree
	cStuckPlace                            // stuck-place
	cHolder                                // holder
	cIngNoun                               // ing-noun
	cSelfWork                              // self-work
	cWorkingState                          // working-state
	cPartyNoun                             // party-noun
	cTeamSuffix                            // team-suffix
	cPeopleSuffix                          // people-suffix
	cTeamNoun                              // team-noun
	cToPreposition                         // to-preposition
	cAboutWord                             // about-word
	cPartyAct                              // party-act
	cObjectStart                           // object-start
	cTopicEnd                              // topic-end
	cWaitCompound                          // wait-compound
	cWaitAux                               // wait-aux
	cThirdParty                            // third-party
	cReceiveVerb                           // receive-verb
	cNeedToVerb                            // need-to-verb
	cCantFiller                            // cant-filler
	cCantReason                            // cant-reason
	cUntilAdverb                           // until-adverb
	cOwnSubject                            // own-subject
	cStatusNoun                            // status-noun
	cNotYetFiller                          // not-yet-filler
	cAddresseeAct                          // addressee-act
	cAwaitPrep                             // await-prep
	cNothing                               // nothing
	cAnswerVerb                            // answer-verb
	cHoldingPlace                          // holding-place: where a thing is held on its way ("stuck in customs")
	cChaseVerb                             // chase-verb: whose a wait is to chase ("his to chase")
	cSameWhat                              // same-what
	cLockedAct                             // locked-act
	cAwayWord                              // away-word
	cFixingVerb                            // fixing-verb
	cCoverVerb                             // cover-verb
	cThanksCourtesy                        // thanks-courtesy
	cOpenedFor                             // opened-for
	cOpenedThing                           // opened-thing
	cPastPassiveAux                        // past-passive-aux
	cTimeRelative                          // time-relative
	cResubmitVerb                          // resubmit-verb
	cNoReplyTail                           // no-reply-tail
	cRequestAct                            // request-act
	cRepeat                                // repeat
	cHabit                                 // habit
	cQuantifier                            // quantifier
	cBackReference                         // back-reference
	cFunctionIntro                         // function-intro
	cMetState                              // met-state
	cResolvedSubject                       // resolved-subject
	cAwaitedObject                         // awaited-object
	cBareFiller                            // bare-filler
	cCondition                             // condition
	cNotYetTime                            // not-yet-time
	cSelfWorkCondition                     // self-work-condition
	cSelfObject                            // self-object
	cBlockerNoun                           // blocker-noun
	cClearVerb                             // clear-verb
	cClearedState                          // cleared-state
	cAttributive                           // attributive
	cIndefiniteSubject                     // indefinite-subject
	cObjectDet                             // object-det
	cDegreeNoun                            // degree-noun
	cBlockLink                             // block-link
	cStateAux                              // state-aux
	cOtherPronoun                          // other-pronoun
	cBlockish                              // blockish
	cPastMarker                            // past-marker
	cPeriod                                // period
	cBlockDegree                           // block-degree
	cSentenceLead                          // sentence-lead
	cHandleVerb                            // handle-verb: a verb of handling blockers as a topic
	cConditionalModal                      // conditional-modal
	cIndefiniteDet                         // indefinite-det
	cConditionOpener                       // condition-opener
	cWorksWell                             // works-well
	cQuestionAux                           // question-aux
	cQuestionSubject                       // question-subject
	cWhWord                                // wh-word
	cFinallyArrival                        // finally-arrival
	cPoliteness                            // politeness
	cBareArrival                           // bare-arrival
	cBareArrivalParticle                   // bare-arrival-particle
	cOngoingTalk                           // ongoing-talk
	cDelayCause                            // delay-cause
	cGovernanceAct                         // governance-act
	cOnIdiom                               // on-idiom
	cParticle                              // particle
	cSupportOffice                         // support-office
	cPersonNoun                            // person-noun
	cPartyPronoun                          // party-pronoun
	cWhetherWord                           // whether-word
	cPassiveFiller                         // passive-filler
	cUntilReceipt                          // until-receipt
	cInVerb                                // in-verb
	cPerfectAux                            // perfect-aux

	cApprovalNoun // approval-noun

	cShipVerb // ship-verb

	cHeadlineTail       // headline-tail
	cCoordinator        // coordinator
	cVerifyVerb         // verify-verb
	cRecordNoun         // record-noun
	cPassiveAux         // passive-aux
	cApprovalWord       // approval-word
	cAwaitedGerund      // awaited-gerund
	cArriveIntransitive // arrive-intransitive
	cSettledState       // settled-state
	cEscalateVerb       // escalate-verb
	cStillTo            // still-to
	cStateTail          // state-tail
	cStatePrep          // state-prep: a word that puts a thing in a state: "in a pending merge"
	cSourcePrep         // source-prep: a word before whom something comes from: "hear from ITS"
	cRequestSoftener    // request-softener
	cRelative           // relative
	cReader             // reader
	cWill               // will
	cThreadNoun         // thread-noun
	cRuleNoun           // rule-noun
	cTechAgent          // tech-agent
	cPurpose            // purpose
	cHandoverVerb       // handover-verb
	cOngoing            // ongoing
	cTroubleNoun        // trouble-noun
	cReviewAct          // review-act
	cWaitGoesOn         // wait-goes-on
	cChoiceAdverb       // choice-adverb
	cDayWord            // day-word
	cTicketVerb         // ticket-verb
	cAboutPrep          // about-prep
	cSameAsBefore       // same-as-before
	cAccessNoun         // access-noun
	cDoAux              // do-aux
	cExpectVerb         // expect-verb
	cSlowTail           // slow-tail
	cNoneEmoji          // none-emoji
	cAnyone             // anyone
	cBlockerProcess     // blocker-process
	cDoneAux            // done-aux
	cVerbParticle       // verb-particle
	cDecisionNoun       // decision-noun
	cAffirmative        // affirmative
	cAskItself          // ask-itself
	cLackWord           // lack-word
	cMeetingNoun        // meeting-noun
	cIncidentNoun       // incident-noun
	cReadyState         // ready-state
	cPartyLag           // party-lag
	cPutOffVerb         // put-off-verb
	cThingArrivalVerb   // thing-arrival-verb
	cMessageNoun        // message-noun
	cMachineRun         // machine-run
	cDecideVerb         // decide-verb
	cPutOffObject       // put-off-object
	cNoWorries          // no-worries
	cHeldState          // held-state
	cHelperNoun         // helper-noun
	cDoubt              // doubt
	cKnowing            // knowing
	cDoneParticiple     // done-participle
	cManaged            // managed
	cVettingVerb        // vetting-verb
	cByBlock            // by-block
	cWaitingState       // waiting-state
	cWaitingPassive     // waiting-passive
	cCausative          // causative
	cPastArrival        // past-arrival
	cPastPartyAct       // past-party-act
	cOutcomeNoun        // outcome-noun
	cHonorific          // honorific
	cClauseTurn         // clause-turn
	cUpdateTail         // update-tail
	cQuantity           // quantity
	cElapsedUnit        // elapsed-unit
	cRequestee          // requestee
	cAskedThing         // asked-thing
	cGatedAct           // gated-act
	cAnyPronoun         // any-pronoun
	cNoneExcept         // none-except
	cThingSense         // thing-sense
	cDocumentSense      // document-sense: a role word that names a document beside another party ("the PO")
	cPressingVerb       // pressing-verb: a party pressing the author ("Helix asking daily")
	cRemainderWord      // remainder-word: what is left of a thing delivered in part ("the last two")
	cPhysicalArrival    // physical-arrival
	cThanksWord         // thanks-word
	cChatCue            // chat-cue: a word chat says a blocker, its end or its absence with (see chatReading)
	cRemedyNoun         // remedy-noun: what someone gives to get the author going again ("your fix worked")
	cTechModifier       // tech-modifier: a word that makes the cue after it a programming term ("async await")
	cSayVerb            // say-verb: a verb that reports what a party said it would do ("Dana said she'd send it")
	cPairOpener         // pair-opener: a word that opens a pair of parties ("need both security and legal to sign off")
	cFixingThing        // fixing-thing: what someone shipped that can fix the author's trouble ("the new release fixed it")
	cComeVerb           // come-verb: a verb of coming that, with an arrival particle, tells an arrival ("hasn't come through")
	cArrivalParticle    // arrival-particle: the particle after come-verb that makes it an arrival ("back", "through")
	cBlockersEmoji      // blockers-emoji: an emoji that opens a line as its Blockers header (":no_entry: none")
	cCautionEmoji       // caution-emoji: an emoji that opens its third line, the Blockers answer
	cNameAbbrev         // name-abbrev: "St." in "St. Brigid's": its stop ends no sentence
	cRoleThing          // role-thing: a role word that also names a thing ("their EHR data")
	cGoesOn             // goes-on: a word that tells a wait as going on ("still", "again")
	cBlockerTalkNoun    // blocker-talk-noun: what a blocker word names the kind of ("the blockers lines")
	cUnfitWord          // unfit-word: what makes a thing that came unfit for the wait ("over budget")
	cTrailingFiller     // trailing-filler: a word that ends a sentence without adding to it ("like", "lol")
	cDocumentTell       // document-tell: a word after a document-sense word that tells the document ("PO pending")
	cMovesOn            // moves-on: a verb of a thing moving on after the wait ("before it goes to …")
	cFutureReceive      // future-receive: what the author will receive ("should get the keys from IT tomorrow")
	cDueTime            // due-time: when something is due to come ("should get the boards Tuesday morning")
	cInboundItem        // inbound-item: work that comes in, counted ("Received 3 bug reports today")
	cHeldUp             // held-up: what a party holds up besides the author ("legal is holding everything up")
	cMessageLink        // message-link: a word that tells what a message said ("an email saying …")
	cReachWord          // reach-word: a party told not reachable ("my solicitor hasn't been contactable")
	cSlipVerb           // slip-verb: an awaited thing that slipped ("design handoff slipped to next week")
	cRaisedLimit        // raised-limit: a limit a party raises for the author ("AWS bumped the limit overnight")
	cSoftwareKind       // software-kind: a kind of software before "client" ("the new auth client")
	cContentNoun        // content-noun: a noun whose "of Y" says what it holds ("the list of pilot accounts")
	cTitleHead          // title-head: a title whose "of X" names a field ("their head of partnerships")
	cBallWord           // ball-word: the matter in "the ball is back with them"
	numClasses          // how many classes there are
)

// A classSet must hold every class: this fails to compile when it cannot.
var _ [classWords*64 - int(numClasses)]struct{}

// cHeaderWord is every word a header may hold.
var cHeaderWord = setOf(cHeaderBlockers, cHeaderRisks, cHeaderDone, cHeaderPlan, cHeaderOther, cHeaderFiller, cHeaderYou, cHeaderDecisions, cHeaderNeed)

// classNames names each class as lexicon.txt writes it.
var classNames = map[string]classID{
	"work-noun":                cWorkNoun,
	"function-word":            cFunctionWord,
	"filter":                   cFilter,
	"compound-blocker":         cCompoundBlocker,
	"object-word":              cObjectWord,
	"know-verb":                cKnowVerb,
	"first-person-contraction": cFirstPersonContraction,
	"opinion-verb":             cOpinionVerb,
	"name-intro":               cNameIntro,
	"topic-adjective":          cTopicAdjective,
	"group-word":               cGroupWord,
	"pure-det":                 cPureDet,
	"lead-filler":              cLeadFiller,
	"request-verb":             cRequestVerb,
	"action-noun":              cActionNoun,
	"empty-noun":               cEmptyNoun,
	"time-word":                cTimeWord,
	"be":                       cBe,
	"det":                      cDet,
	"first-person":             cFirstPerson,
	"subject":                  cSubject,
	"negator":                  cNegator,
	"hypothetical":             cHypothetical,
	"future":                   cFuture,
	"stop":                     cStop,
	"common-capital":           cCommonCapital,
	"progress-verb":            cProgressVerb,
	"arrival":                  cArrival,
	"response-noun":            cResponseNoun,
	"none-word-strong":         cNoneWordStrong,
	"none-word-weak":           cNoneWordWeak,
	"block-noun":               cBlockNoun,
	"calendar":                 cCalendar,
	"time-span":                cTimeSpan,
	"candidate-word":           cCandidateWord,
	"arrival-verb":             cArrivalVerb,
	"after-passive":            cAfterPassive,
	"check":                    cCheck,
	"access-subject":           cAccessSubject,
	"choice-verb":              cChoiceVerb,
	"talk-word":                cTalkWord,
	"pending-state":            cPendingState,
	"process-noun":             cProcessNoun,
	"not-topic":                cNotTopic,
	"second-person-possessive": cSecondPersonPossessive,
	"incoming-request":         cIncomingRequest,
	"open-state":               cOpenState,
	"awaited-act":              cAwaitedAct,
	"header-blockers":          cHeaderBlockers,
	"header-risks":             cHeaderRisks,
	"header-done":              cHeaderDone,
	"header-plan":              cHeaderPlan,
	"header-other":             cHeaderOther,
	"header-filler":            cHeaderFiller,
	"header-you":               cHeaderYou,
	"header-decisions":         cHeaderDecisions,
	"header-need":              cHeaderNeed,
	"time-opener":              cTimeOpener,
	"past-tense":               cPastTense,
	"receive-gerund":           cReceiveGerund,
	"wait-adverb":              cWaitAdverb,
	"ok-word":                  cOKWord,
	"look-noun":                cLookNoun,
	"waiting-place":            cWaitingPlace,
	"gated-release":            cGatedRelease,
	"owned-act":                cOwnedAct,
	"store-name":               cStoreName,
	"store-kind":               cStoreKind,
	"store-thing":              cStoreThing,
	"none-lead":                cNoneLead,
	"none-reason":              cNoneReason,
	"none-missing":             cNoneMissing,
	"talk-noun":                cTalkNoun,
	"propose-verb":             cProposeVerb,
	"must-wait":                cMustWait,
	"request-noun":             cRequestNoun,
	"object-arrival":           cObjectArrival,
	"label-noun":               cLabelNoun,
	"define-verb":              cDefineVerb,
	"blocker-label-noun":       cBlockerLabelNoun,
	"tech-blocking":            cTechBlocking,
	"number-word":              cNumberWord,
	"ticket-state":             cTicketState,
	"choice-adjective":         cChoiceAdjective,
	"everyday-name":            cEverydayName,
	"honorific":                cHonorific,
	"clause-turn":              cClauseTurn,
	"update-tail":              cUpdateTail,
	"quantity":                 cQuantity,
	"elapsed-unit":             cElapsedUnit,
	"requestee":                cRequestee,
	"asked-thing":              cAskedThing,
	"gated-act":                cGatedAct,
	"any-pronoun":              cAnyPronoun,
	"none-except":              cNoneExcept,
	"thing-sense":              cThingSense,
	"document-sense":           cDocumentSense,
	"pressing-verb":            cPressingVerb,
	"remainder-word":           cRemainderWord,
	"chat-cue":                 cChatCue,
	"remedy-noun":              cRemedyNoun,
	"physical-arrival":         cPhysicalArrival,
	"thanks-word":              cThanksWord,
	"filler":                   cFiller,
	"none-noun":                cNoneNoun,
	"none-degree":              cNoneDegree,
	"stuck-place":              cStuckPlace,
	"holder":                   cHolder,
	"ing-noun":                 cIngNoun,
	"self-work":                cSelfWork,
	"working-state":            cWorkingState,
	"party-noun":               cPartyNoun,
	"team-suffix":              cTeamSuffix,
	"people-suffix":            cPeopleSuffix,
	"team-noun":                cTeamNoun,
	"to-preposition":           cToPreposition,
	"about-word":               cAboutWord,
	"party-act":                cPartyAct,
	"object-start":             cObjectStart,
	"topic-end":                cTopicEnd,
	"wait-compound":            cWaitCompound,
	"wait-aux":                 cWaitAux,
	"third-party":              cThirdParty,
	"receive-verb":             cReceiveVerb,
	"need-to-verb":             cNeedToVerb,
	"cant-filler":              cCantFiller,
	"cant-reason":              cCantReason,
	"until-adverb":             cUntilAdverb,
	"own-subject":              cOwnSubject,
	"status-noun":              cStatusNoun,
	"not-yet-filler":           cNotYetFiller,
	"whether-word":             cWhetherWord,
	"passive-filler":           cPassiveFiller,
	"until-receipt":            cUntilReceipt,
	"in-verb":                  cInVerb,
	"perfect-aux":              cPerfectAux,
	"party-pronoun":            cPartyPronoun,
	"outcome-noun":             cOutcomeNoun,
	"person-noun":              cPersonNoun,
	"support-office":           cSupportOffice,
	"particle":                 cParticle,
	"on-idiom":                 cOnIdiom,
	"governance-act":           cGovernanceAct,
	"function-intro":           cFunctionIntro,
	"addressee-act":            cAddresseeAct,
	"await-prep":               cAwaitPrep,
	"nothing":                  cNothing,
	"answer-verb":              cAnswerVerb,
	"holding-place":            cHoldingPlace,
	"chase-verb":               cChaseVerb,
	"same-what":                cSameWhat,
	"locked-act":               cLockedAct,
	"away-word":                cAwayWord,
	"fixing-verb":              cFixingVerb,
	"cover-verb":               cCoverVerb,
	"thanks-courtesy":          cThanksCourtesy,
	"opened-for":               cOpenedFor,
	"opened-thing":             cOpenedThing,
	"past-passive-aux":         cPastPassiveAux,
	"time-relative":            cTimeRelative,
	"resubmit-verb":            cResubmitVerb,
	"no-reply-tail":            cNoReplyTail,
	"request-act":              cRequestAct,
	"repeat":                   cRepeat,
	"habit":                    cHabit,
	"quantifier":               cQuantifier,
	"back-reference":           cBackReference,
	"met-state":                cMetState,
	"resolved-subject":         cResolvedSubject,
	"awaited-object":           cAwaitedObject,
	"bare-filler":              cBareFiller,
	"condition":                cCondition,
	"not-yet-time":             cNotYetTime,
	"self-work-condition":      cSelfWorkCondition,
	"self-object":              cSelfObject,
	"blocker-noun":             cBlockerNoun,
	"clear-verb":               cClearVerb,
	"cleared-state":            cClearedState,
	"attributive":              cAttributive,
	"indefinite-subject":       cIndefiniteSubject,
	"object-det":               cObjectDet,
	"degree-noun":              cDegreeNoun,
	"block-link":               cBlockLink,
	"state-aux":                cStateAux,
	"other-pronoun":            cOtherPronoun,
	"blockish":                 cBlockish,
	"past-marker":              cPastMarker,
	"period":                   cPeriod,
	"block-degree":             cBlockDegree,
	"sentence-lead":            cSentenceLead,
	"handle-verb":              cHandleVerb,
	"conditional-modal":        cConditionalModal,
	"indefinite-det":           cIndefiniteDet,
	"condition-opener":         cConditionOpener,
	"works-well":               cWorksWell,
	"question-aux":             cQuestionAux,
	"question-subject":         cQuestionSubject,
	"wh-word":                  cWhWord,
	"finally-arrival":          cFinallyArrival,
	"politeness":               cPoliteness,
	"bare-arrival":             cBareArrival,
	"bare-arrival-particle":    cBareArrivalParticle,
	"ongoing-talk":             cOngoingTalk,
	"delay-cause":              cDelayCause,
	"approval-noun":            cApprovalNoun,
	"ship-verb":                cShipVerb,
	"headline-tail":            cHeadlineTail,
	"coordinator":              cCoordinator,
	"verify-verb":              cVerifyVerb,
	"record-noun":              cRecordNoun,
	"passive-aux":              cPassiveAux,
	"approval-word":            cApprovalWord,
	"awaited-gerund":           cAwaitedGerund,
	"arrive-intransitive":      cArriveIntransitive,
	"settled-state":            cSettledState,
	"escalate-verb":            cEscalateVerb,
	"still-to":                 cStillTo,
	"state-tail":               cStateTail,
	"state-prep":               cStatePrep,
	"source-prep":              cSourcePrep,
	"request-softener":         cRequestSoftener,
	"relative":                 cRelative,
	"reader":                   cReader,
	"will":                     cWill,
	"thread-noun":              cThreadNoun,
	"rule-noun":                cRuleNoun,
	"tech-agent":               cTechAgent,
	"purpose":                  cPurpose,
	"handover-verb":            cHandoverVerb,
	"ongoing":                  cOngoing,
	"trouble-noun":             cTroubleNoun,
	"review-act":               cReviewAct,
	"wait-goes-on":             cWaitGoesOn,
	"choice-adverb":            cChoiceAdverb,
	"day-word":                 cDayWord,
	"ticket-verb":              cTicketVerb,
	"about-prep":               cAboutPrep,
	"same-as-before":           cSameAsBefore,
	"access-noun":              cAccessNoun,
	"ready-state":              cReadyState,
	"party-lag":                cPartyLag,
	"put-off-verb":             cPutOffVerb,
	"thing-arrival-verb":       cThingArrivalVerb,
	"message-noun":             cMessageNoun,
	"machine-run":              cMachineRun,
	"decide-verb":              cDecideVerb,
	"put-off-object":           cPutOffObject,
	"no-worries":               cNoWorries,
	"held-state":               cHeldState,
	"helper-noun":              cHelperNoun,
	"by-block":                 cByBlock,
	"waiting-state":            cWaitingState,
	"waiting-passive":          cWaitingPassive,
	"causative":                cCausative,
	"past-arrival":             cPastArrival,
	"past-party-act":           cPastPartyAct,
	"do-aux":                   cDoAux,
	"expect-verb":              cExpectVerb,
	"slow-tail":                cSlowTail,
	"none-emoji":               cNoneEmoji,
	"anyone":                   cAnyone,
	"blocker-process":          cBlockerProcess,
	"done-aux":                 cDoneAux,
	"verb-particle":            cVerbParticle,
	"decision-noun":            cDecisionNoun,
	"affirmative":              cAffirmative,
	"ask-itself":               cAskItself,
	"lack-word":                cLackWord,
	"meeting-noun":             cMeetingNoun,
	"tech-modifier":            cTechModifier,
	"say-verb":                 cSayVerb,
	"pair-opener":              cPairOpener,
	"fixing-thing":             cFixingThing,
	"incident-noun":            cIncidentNoun,
	"doubt":                    cDoubt,
	"knowing":                  cKnowing,
	"done-participle":          cDoneParticiple,
	"managed":                  cManaged,
	"vetting-verb":             cVettingVerb,
	"come-verb":                cComeVerb,
	"arrival-particle":         cArrivalParticle,
	"blockers-emoji":           cBlockersEmoji,
	"caution-emoji":            cCautionEmoji,
	"name-abbrev":              cNameAbbrev,
	"role-thing":               cRoleThing,
	"goes-on":                  cGoesOn,
	"blocker-talk-noun":        cBlockerTalkNoun,
	"unfit-word":               cUnfitWord,
	"trailing-filler":          cTrailingFiller,
	"document-tell":            cDocumentTell,
	"moves-on":                 cMovesOn,
	"future-receive":           cFutureReceive,
	"due-time":                 cDueTime,
	"inbound-item":             cInboundItem,
	"held-up":                  cHeldUp,
	"message-link":             cMessageLink,
	"reach-word":               cReachWord,
	"slip-verb":                cSlipVerb,
	"raised-limit":             cRaisedLimit,
	"software-kind":            cSoftwareKind,
	"content-noun":             cContentNoun,
	"title-head":               cTitleHead,
	"ball-word":                cBallWord,
}

// cueRule is a named rule that reads one family of cue words.
type cueRule struct {
	name string
	read func(p *parser, k, a, b int, cond bool) bool
}

// cueFamilies names the cue families in the order of cueRules (index 0: none).
var cueFamilies = [...]string{"", "block", "unblocked", "wait", "pending", "depend", "hold", "need", "cant", "until", "addressee", "no-response", "not-yet", "missing", "locked-out", "any-update", "owes", "eta", "chase", "delay", "resolved", "arrived", "got", "finally", "good-to-go", "proceed", "anymore", "no-longer", "moved-from-blocked", "granted", "helped", "remains", "under", "rejected", "request", "works", "supply", "delivered-by", "restored", "sitting-on", "sent", "being", "expected", "asked-to", "approval-from", "thanks", "arrive", "settled", "through", "with", "give-up", "party-will", "subject-to", "negotiating", "ready-for", "now-that", "please", "hyphen-blocker", "outreach", "made", "trouble", "party-at-work", "thing-arrival", "overdue", "possible", "stopped", "trying", "wants", "took", "said-ok", "chance"}

// needFamily is the index of the "need" family in cueRules.
const needFamily = 7

// blockFamily, waitFamily and pendingFamily are the indexes of the "block",
// "wait" and "pending" families in cueRules: the cues of a wait still on.
const (
	blockFamily   = 1
	waitFamily    = 3
	pendingFamily = 4
)

// cantFamily is the index of the "cant" family ("can", "can't", "cannot") in cueRules.
const cantFamily = 8

// unblockedFamily is the index of the "unblocked" family in cueRules.
const unblockedFamily = 2

// cueRules are the named rules, in the order of the cue families (cueFamily).
var cueRules = [...]cueRule{
	{},
	{"block", (*parser).ruleBlock},
	{"unblocked", (*parser).ruleUnblocked},
	{"wait", (*parser).ruleWait},
	{"pending", (*parser).rulePending},
	{"depend", (*parser).ruleDepend},
	{"hold", (*parser).ruleHold},
	{"need", (*parser).ruleNeed},
	{"cant", (*parser).ruleCant},
	{"until", (*parser).ruleUntil},
	{"addressee", (*parser).ruleAddressee},
	{"no-response", (*parser).ruleNoResponse},
	{"not-yet", (*parser).ruleNotYet},
	{"missing", (*parser).ruleMissing},
	{"locked-out", (*parser).ruleLockedOut},
	{"any-update", (*parser).ruleAnyUpdate},
	{"owes", (*parser).ruleOwes},
	{"eta", (*parser).ruleEta},
	{"chase", (*parser).ruleChase},
	{"delay", (*parser).ruleDelay},
	{"resolved", (*parser).ruleResolved},
	{"arrived", (*parser).ruleArrived},
	{"got", (*parser).ruleGot},
	{"finally", (*parser).ruleFinally},
	{"good-to-go", (*parser).ruleGoodToGo},
	{"proceed", (*parser).ruleProceed},
	{"anymore", (*parser).ruleAnymore},
	{"no-longer", (*parser).ruleNoLonger},
	{"moved-from-blocked", (*parser).ruleMovedFromBlocked},
	{"granted", (*parser).ruleGranted},
	{"helped", (*parser).ruleHelped},
	{"remains", (*parser).ruleRemains},
	{"under", (*parser).ruleUnder},
	{"rejected", (*parser).ruleRejected},
	{"request", (*parser).ruleRequest},
	{"works", (*parser).ruleWorks},
	{"supply", (*parser).ruleSupply},
	{"delivered-by", (*parser).ruleDeliveredBy},
	{"restored", (*parser).ruleRestored},
	{"sitting-on", (*parser).ruleSittingOn},
	{"sent", (*parser).ruleSent},
	{"being", (*parser).ruleBeing},
	{"expected", (*parser).ruleExpected},
	{"asked-to", (*parser).ruleAskedTo},
	{"approval-from", (*parser).ruleApprovalFrom},
	{"thanks", (*parser).ruleThanks},
	{"arrive", (*parser).ruleArrive},
	{"settled", (*parser).ruleSettled},
	{"through", (*parser).ruleThrough},
	{"with", (*parser).ruleWith},
	{"give-up", (*parser).ruleGiveUp},
	{"party-will", (*parser).rulePartyWill},
	{"subject-to", (*parser).ruleSubjectTo},
	{"negotiating", (*parser).ruleNegotiating},
	{"ready-for", (*parser).ruleReadyFor},
	{"now-that", (*parser).ruleNowThat},
	{"please", (*parser).rulePlease},
	{"hyphen-blocker", (*parser).ruleHyphenBlocker},
	{"outreach", (*parser).ruleOutreach},
	{"made", (*parser).ruleMade},
	{"trouble", (*parser).ruleTrouble},
	{"party-at-work", (*parser).rulePartyAtWork},
	{"thing-arrival", (*parser).ruleThingArrival},
	{"overdue", (*parser).ruleOverdue},
	{"possible", (*parser).rulePossible},
	{"stopped", (*parser).ruleStopped},
	{"trying", (*parser).ruleTrying},
	{"wants", (*parser).ruleWants},
	{"took", (*parser).ruleTook},
	{"said-ok", (*parser).ruleSaidOK},
	{"chance", (*parser).ruleChance},
}

// grammar is the built-in part of the lexicon every Lexicon shares: word
// classes and cue families.
type grammar struct {
	classes map[string]classSet
	cues    map[string]uint8    // word -> index into cueRules
	spelled map[string]string   // a misspelling -> the word it is read as
	info    map[string]wordInfo // all three, for one look-up a token
}

// wordInfo is what the grammar knows of a word: its classes and its cue
// family, and for a misspelling the word it is read as.
type wordInfo struct {
	cls   classSet
	cue   uint8
	canon string
}

// gram is the built-in grammar, read from lexicon.txt when the package loads.
var gram = func() *grammar {
	g := &grammar{classes: map[string]classSet{}, cues: map[string]uint8{}, spelled: map[string]string{}, info: map[string]wordInfo{}}
	if err := g.read("lexicon.txt", lexiconFile, nil, true); err != nil {
		panic(err) // the embedded file is tested; a broken one is a build defect
	}
	for w, c := range g.classes {
		g.info[w] = wordInfo{cls: c, cue: g.cues[w]}
	}
	for w, c := range g.cues {
		g.info[w] = wordInfo{cls: g.classes[w], cue: c}
	}
	for w, canon := range g.spelled {
		wi := g.info[canon]
		wi.canon = canon
		g.info[w] = wi
	}
	return g
}()

// inClass reports whether w is in class c.
func inClass(w string, c classID) bool {
	cs := gram.classes[w]
	return cs.has(c)
}

// cueRuleFor returns the rule that reads cue word w, or nil.
func cueRuleFor(w string) *cueRule {
	return cueRuleOf(w, gram.cues[w])
}

// cueRuleOf returns the rule of cue family i for word w, or nil.
func cueRuleOf(w string, i uint8) *cueRule {
	if i != 0 {
		return &cueRules[i]
	}
	if strings.HasSuffix(w, "-blocker") || strings.HasSuffix(w, "-blocked") {
		return &cueRules[hyphenBlockerFamily] // "semi-blocked", "soft-blocker"
	}
	return nil
}

// hyphenBlockerFamily is the index of the rule that reads "semi-blocked" and
// "soft-blocker", words no cue line lists. It is found by name: it was the
// last family once, and families added after it took its place.
var hyphenBlockerFamily = func() int {
	for i, r := range cueRules {
		if r.name == "hyphen-blocker" {
			return i
		}
	}
	panic("no hyphen-blocker cue rule") // the table is code; a missing entry is a build defect
}()

// read reads a lexicon file. Grammar lines (class, cue) go to g, which is nil
// for a company's file; the others to lex, which is nil while the built-in
// grammar loads. Every problem names the file and line.
func (g *grammar) read(name, text string, lex *Lexicon, builtinFile bool) error {
	var s scanner
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		head, list, ok := strings.Cut(line, ":")
		f := strings.Fields(head)
		if !ok || len(f) == 0 {
			return fmt.Errorf("%s:%d: want \"KIND [ARGS]: ITEM, ITEM\", got %q", name, n+1, line)
		}
		list = strings.TrimSuffix(strings.TrimSpace(list), ",") // a list may go on on the next line
		var items []string
		for _, it := range strings.Split(list, ",") {
			it = strings.TrimSpace(it)
			if it == "" {
				return fmt.Errorf("%s:%d: an empty item can never match", name, n+1)
			}
			items = append(items, it)
		}
		if err := g.entry(&s, f, items, lex, builtinFile); err != nil {
			return fmt.Errorf("%s:%d: %w", name, n+1, err)
		}
	}
	return nil
}

// entry adds one line's items.
func (g *grammar) entry(s *scanner, f []string, items []string, lex *Lexicon, builtinFile bool) error {
	kind, args := f[0], f[1:]
	switch kind {
	case "class", "cue":
		if g == nil && builtinFile {
			return nil // loaded once into the shared grammar
		}
		if g == nil {
			return fmt.Errorf("%s lines belong to the built-in lexicon; a company's file holds artifact, team, external and ignore lines", kind)
		}
		if len(args) != 1 {
			return fmt.Errorf("want %q", kind+" NAME: words")
		}
		var c classID
		var cue uint8
		if kind == "class" {
			var ok bool
			if c, ok = classNames[args[0]]; !ok {
				return fmt.Errorf("unknown class %q", args[0])
			}
		} else {
			for i := 1; i < len(cueFamilies); i++ {
				if cueFamilies[i] == args[0] {
					cue = uint8(i)
				}
			}
			if cue == 0 {
				return fmt.Errorf("no rule reads cue family %q", args[0])
			}
		}
		for _, it := range items {
			w, err := oneWord(s, it)
			if err != nil {
				return err
			}
			if kind == "class" {
				cs := g.classes[w]
				cs.add(c)
				g.classes[w] = cs
			} else if other := g.cues[w]; other != 0 && other != cue {
				return fmt.Errorf("%q is already a cue of family %q: a word starts one family", it, cueFamilies[other])
			} else {
				g.cues[w] = cue
			}
		}
		return nil
	case "spelling":
		if g == nil && builtinFile {
			return nil // loaded once into the shared grammar
		}
		if g == nil {
			return fmt.Errorf("spelling lines belong to the built-in lexicon; a company's file holds artifact, team, external and ignore lines")
		}
		if len(args) != 1 {
			return fmt.Errorf("want \"spelling WORD: misspellings\"")
		}
		canon, err := oneWord(s, args[0])
		if err != nil {
			return err
		}
		if g.classes[canon] == (classSet{}) && g.cues[canon] == 0 {
			return fmt.Errorf("%q is in no class and starts no cue (above this line): its misspellings can never matter", args[0])
		}
		for _, it := range items {
			w, err := oneWord(s, it)
			if err != nil {
				return err
			}
			switch {
			case w == canon:
				return fmt.Errorf("%q is the word itself", it)
			case g.classes[w] != (classSet{}) || g.cues[w] != 0:
				return fmt.Errorf("%q is a word of the lexicon's own, not a misspelling", it)
			case g.spelled[w] != "" && g.spelled[w] != canon:
				return fmt.Errorf("%q is already a misspelling of %q", it, g.spelled[w])
			}
			g.spelled[w] = canon
		}
		return nil
	case "artifact", "team", "external", "ignore":
		if lex == nil {
			return nil // the built-in grammar loads first; NewLexicon reads these lines
		}
	default:
		return fmt.Errorf("unknown kind %q: want class, cue, spelling, artifact, team, external or ignore", kind)
	}
	role, strength := unblock.RoleUnknown, uint8(ownerStrong)
	switch {
	case kind == "ignore" && len(args) != 0:
		return fmt.Errorf("want \"ignore: phrases\"")
	case kind != "ignore" && (len(args) == 0 || len(args) > 2 || len(args) == 2 && (kind != "artifact" || args[1] != "weak")):
		return fmt.Errorf("want %q", kind+" ROLE: phrases")
	case kind != "ignore":
		if args[0] != "-" {
			role = unblock.ParseRole(args[0])
			if role == unblock.RoleUnknown || string(role) != args[0] {
				if lex.vocab == nil || !lex.vocab.Has(unblock.Role(args[0])) {
					return fmt.Errorf("%q is not a role of the vocabulary (roles.txt or the config's roles:)", args[0])
				}
				role = unblock.Role(args[0])
			}
		} else {
			strength = ownerNone
		}
		if len(args) == 2 {
			strength = ownerWeak
		}
	}
	for _, it := range items {
		if err := phraseWords(s, it); err != nil {
			return err
		}
		switch kind {
		case "artifact":
			lex.add(it, entry{class: classArtifact, role: role, strength: lex.artifactStrength(it, role, strength)})
		case "team":
			lex.AddTeam(it, role)
		case "external":
			lex.AddExternal(it, role)
		case "ignore":
			lex.AddIgnore(it)
		}
	}
	return nil
}

// oneWord returns item lower-cased when the scanner reads it as one word (in
// running text: "w/" and "'s" are words only there), else an error: an entry
// that can never match.
func oneWord(s *scanner, item string) (string, error) {
	low := strings.ToLower(item)
	s.scan(item + " x")
	if len(s.toks) > 0 && s.toks[0].kind == tWord && s.toks[0].low == low {
		return low, nil
	}
	s.scan("x" + item + " x")
	if len(s.toks) > 1 && s.toks[1].kind == tWord && s.toks[1].low == low {
		return low, nil // a clitic the scanner splits off: "'s"
	}
	return "", fmt.Errorf("%q can never match: the scanner does not read it as one word", item)
}

// phraseWords checks that the scanner reads item as words only, so a phrase
// entry can match: "ci/cd" or "go/no-go" split into words and a '/', which no
// run of words matches.
func phraseWords(s *scanner, item string) error {
	s.scan(item)
	if len(s.toks) == 0 {
		return fmt.Errorf("%q can never match: it holds no word", item)
	}
	for _, t := range s.toks {
		if t.kind != tWord {
			return fmt.Errorf("%q can never match: the scanner splits it at %q", item, item[t.start:t.end])
		}
	}
	return nil
}

// Load adds a company's entries in lexicon.txt's format (artifact, team,
// external and ignore lines) to l. name is the file name errors start with;
// an entry that can never match, or names a role outside the vocabulary, is
// an error naming the file and line (the lines before it are added already:
// validate a file on a fresh Lexicon, as config validation does).
func (l *Lexicon) Load(name, text string) error {
	return (*grammar)(nil).read(name, text, l, false)
}
