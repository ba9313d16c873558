"""``totor_events``: PLOVER events from triggers and their arguments.

A trigger (a verb or noun from ``data/events.json``, checked against its arguments) gives
the type; the parse gives actor and target; the sentence gives place, time and figures;
the claim covering the trigger gives the source; auxiliaries, negation and the governing
verb give the status. One incident reported twice in an article is one event.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache, partial
from typing import cast

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from totor.model import Claim, Entity, Event
from totor.nlp import extensions as ext
from totor.nlp.claims import reporting_lexicon
from totor.nlp.lexicon import load_json


def _word_set(key: str) -> frozenset[str]:
    """A word list of ``events.json``'s "words" (see its "_words" note)."""
    return frozenset(load_json("events.json")["words"][key])


_VERB_POS = frozenset({"VERB"})
_NOUN_POS = frozenset({"NOUN", "PROPN"})
_ADJ_POS = frozenset({"ADJ"})
_TARGET_PREPS = frozenset({"on", "against", "at", "upon", "targeting", "toward", "towards"})
# events that happen somewhere physical take the nearest place in their sentence; others
# (talks, statements, sanctions) only a place in their own phrase
_PHYSICAL = frozenset({"ASSAULT", "PROTEST", "COERCE", "MOBILIZE", "CRIME", "AID", "RETREAT"})
_COMPLEMENTS = frozenset({"dobj", "xcomp", "ccomp", "prep", "advcl", "attr", "oprd"})
_FEELING_PREPS = frozenset({"by", "with", "at", "over", "about", "of", "toward", "towards"})
#: confidence taken from a noun told as the cause of another event, so that the event it
#: explains ranks first
_BACKGROUND_PENALTY = 0.15
_PLACE_PREPS = frozenset(
    {"in", "at", "near", "across", "outside", "inside", "around", "from", "into", "on"}
)


@dataclass(frozen=True)
class Trigger:
    """One entry of the trigger lexicon with its conditions."""

    type: str
    mode: str | None
    weight: float
    pos: frozenset[str]
    object: frozenset[str] | None = None
    not_object: frozenset[str] = frozenset()
    object_is: str | None = None
    subject_is: frozenset[str] | None = None
    prep: frozenset[str] | None = None
    prep_particle: frozenset[str] | None = None
    prep_object: frozenset[str] | None = None
    head_lemma: frozenset[str] | None = None
    allow_no_subject: bool = False
    active_only: bool = False
    needs_complement: bool = False
    poss_role: str = "actor"
    target_preps: frozenset[str] = frozenset()
    partner_is: frozenset[str] | None = None
    judging: bool = False
    person_needs_complement: bool = False
    clause_about_actor: bool = False


@dataclass(frozen=True)
class EventLexicon:
    by_lemma: dict[str, list[Trigger]]
    phrases: list[tuple[str, Trigger]]
    light_verbs: frozenset[str]
    receptive_light_verbs: frozenset[str]
    planning_heads: frozenset[str]
    planning_modifiers: frozenset[str]
    hypothetical_modifiers: frozenset[str]
    hypothetical_aux: frozenset[str]
    planned_aux: frozenset[str]
    conditional_marks: frozenset[str]
    denial_heads: frozenset[str]
    clause_target_types: frozenset[str]
    quantity_nouns: frozenset[str]
    state_modes: frozenset[str]
    state_kinds: tuple[str, ...]
    natural_hazards: frozenset[str]
    speech_types: frozenset[str]
    cause_preps: frozenset[str] = frozenset()
    cause_prep_heads: frozenset[str] = frozenset()
    count_nouns: frozenset[str] = frozenset()
    normative_aux: frozenset[str] = frozenset()
    normative_verbs: frozenset[str] = frozenset()
    normative_not_verbs: frozenset[str] = frozenset()
    of_actor_types: frozenset[str] = frozenset()
    passive_actor_types: frozenset[str] = frozenset()
    reaction_types: frozenset[str] = frozenset()
    stative_passive_lemmas: frozenset[str] = frozenset()
    repeatable: frozenset[str] = frozenset()
    refusable: frozenset[str] = frozenset()
    reaction_preps: frozenset[str] = frozenset()
    accusation_nouns: frozenset[str] = frozenset()
    act_nouns: frozenset[str] = frozenset()


def _set(values: list[str] | None) -> frozenset[str] | None:
    return frozenset(v.lower() for v in values) if values is not None else None


def _trigger(row: dict[str, object], target_preps: frozenset[str] = frozenset()) -> Trigger:
    return Trigger(
        type=str(row["type"]),
        mode=row.get("mode"),  # type: ignore[arg-type]
        weight=float(row.get("weight", 0.5)),  # type: ignore[arg-type]
        pos=frozenset(cast(list[str], row.get("pos", ["VERB", "NOUN"]))),
        object=_set(row.get("object")),  # type: ignore[arg-type]
        not_object=_set(row.get("not_object")) or frozenset(),  # type: ignore[arg-type]
        object_is=row.get("object_is"),  # type: ignore[arg-type]
        subject_is=_set(row.get("subject_is")),  # type: ignore[arg-type]
        prep=_set(row.get("prep")),  # type: ignore[arg-type]
        prep_particle=_set(row.get("prep_particle")),  # type: ignore[arg-type]
        prep_object=_set(row.get("prep_object")),  # type: ignore[arg-type]
        head_lemma=_set(row.get("head_lemma")),  # type: ignore[arg-type]
        allow_no_subject=bool(row.get("allow_no_subject", False)),
        active_only=bool(row.get("active_only", False)),
        needs_complement=bool(row.get("needs_complement", False)),
        poss_role=str(row.get("poss_role", "actor")),
        target_preps=target_preps | (_set(row.get("target_preps")) or frozenset()),  # type: ignore[arg-type]
        partner_is=_set(row.get("partner_is")),  # type: ignore[arg-type]
        judging=bool(row.get("judging", False)),
        person_needs_complement=bool(row.get("person_needs_complement", False)),
        clause_about_actor=bool(row.get("clause_about_actor", False)),
    )


@cache
def event_lexicon() -> EventLexicon:
    data = load_json("events.json")
    by_type = {k: frozenset(v) for k, v in data["target_preps_by_type"].items()}
    by_mode = {k: frozenset(v) for k, v in data["target_preps_by_mode"].items()}

    def make(row: dict[str, object]) -> Trigger:
        # the partner or recipient: "met with X", "sent arms to X", "withdrew from X"
        preps = by_type.get(str(row["type"]), frozenset()) | by_mode.get(
            str(row.get("mode")), frozenset()
        )
        return _trigger(row, preps)

    by_lemma: dict[str, list[Trigger]] = {}
    for row in data["triggers"]:
        by_lemma.setdefault(row["lemma"].lower(), []).append(make(row))
    phrases = [(row["text"], make(row)) for row in data["phrases"]]
    return EventLexicon(
        by_lemma=by_lemma,
        phrases=phrases,
        light_verbs=frozenset(data["light_verbs"]),
        receptive_light_verbs=frozenset(data["receptive_light_verbs"]),
        planning_heads=frozenset(data["planning_heads"]),
        planning_modifiers=frozenset(data["planning_modifiers"]),
        hypothetical_modifiers=frozenset(data["hypothetical_modifiers"]),
        hypothetical_aux=frozenset(data["hypothetical_aux"]),
        planned_aux=frozenset(data["planned_aux"]),
        conditional_marks=frozenset(data["conditional_marks"]),
        denial_heads=frozenset(data["denial_heads"]),
        clause_target_types=frozenset(data["clause_target_types"]),
        quantity_nouns=frozenset(data["quantity_nouns"]),
        state_modes=frozenset(data["state_actor_modes"]),
        state_kinds=tuple(data["state_actor_kinds"]),
        natural_hazards=frozenset(data["natural_hazards"]),
        speech_types=frozenset(data["speech_types"]),
        cause_preps=frozenset(data.get("cause_preps", [])),
        cause_prep_heads=frozenset(data.get("cause_prep_heads", [])),
        count_nouns=frozenset(data.get("count_nouns", [])),
        normative_aux=frozenset(data.get("normative_aux", [])),
        normative_verbs=frozenset(data.get("normative_verbs", [])),
        normative_not_verbs=frozenset(data.get("normative_not_verbs", [])),
        of_actor_types=frozenset(data.get("of_actor_types", [])),
        passive_actor_types=frozenset(data.get("passive_actor_types", [])),
        reaction_types=frozenset(data.get("reaction_types", [])),
        stative_passive_lemmas=frozenset(data.get("stative_passive_lemmas", [])),
        repeatable=frozenset(data.get("repeatable", [])),
        refusable=frozenset(data.get("refusable", [])),
        reaction_preps=frozenset(data.get("reaction_preps", [])),
        accusation_nouns=frozenset(data.get("accusation_nouns", [])),
        act_nouns=frozenset(data.get("act_nouns", [])),
    )


@dataclass
class _Draft:
    """An event before merging and numbering."""

    trigger: Trigger
    token: Token
    trigger_span: tuple[int, int]
    sentence: Span
    actor: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    target_place: str | None = None
    place: str | None = None
    time: str | None = None
    figures: list[str] = field(default_factory=list)
    claim: Claim | None = None
    status: str = "asserted"
    confidence: float = 0.5
    spans: list[tuple[int, int]] = field(default_factory=list)
    #: the actor is the default of its kind of event, not named: a named one replaces it
    implied: bool = False

    @property
    def named_actor(self) -> list[str]:
        return [] if self.implied else self.actor


class EventExtractor:
    def __init__(
        self, nlp: Language, name: str = "totor_events", min_confidence: float = 0.3
    ) -> None:
        self.name = name
        self.min_confidence = min_confidence
        self.lexicon = event_lexicon()
        self.denial_cues = reporting_lexicon().denial
        self.phrase_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._phrase_triggers: dict[str, Trigger] = {}
        for text, trigger in self.lexicon.phrases:
            self._phrase_triggers[text] = trigger
            self.phrase_matcher.add(text, [nlp.make_doc(text)])

    def __call__(self, doc: Doc) -> Doc:
        drafts: list[_Draft] = []
        in_phrase: set[int] = set()
        for match_id, start, end in self.phrase_matcher(doc):
            span = doc[start:end]
            trigger = self._phrase_triggers[doc.vocab.strings[match_id]]
            in_phrase.update(range(start, end))
            draft = self._draft(doc, span.root, trigger, (span.start_char, span.end_char))
            if draft is not None:
                drafts.append(draft)
        for token in doc:
            if token.i in in_phrase:
                continue
            # participles read as adjectives ("disappointed") are listed by their form
            candidates = (
                self.lexicon.by_lemma.get(token.lemma_.lower())
                or self.lexicon.by_lemma.get(token.lower_)
                or self._repeated(token)
            )
            if not candidates:
                continue
            chosen = self._choose(doc, token, candidates)
            if chosen is None:
                continue
            draft = self._draft(doc, token, chosen, (token.idx, token.idx + len(token.text)))
            if draft is not None:
                drafts.append(draft)
        drafts.extend(self._normative_demands(doc))
        _rank_below_governors(drafts, self.min_confidence)
        self._answer_targets(doc, drafts)
        doc._.events = _number(_merge(drafts, _setting(doc)))
        return doc

    # -- reactions: whom a condemnation, rejection or welcome answers --------------------

    def _answer_targets(self, doc: Doc, drafts: list[_Draft]) -> None:
        """'Kenya condemned the attack': the attacker; 'Beijing rejected the allegations':
        the accuser; 'X welcomed the decision': who decided. Only for reactions with no
        target of their own, and only from what the article said before (or in the same
        sentence)."""
        lex = self.lexicon
        by_token = {d.token.i: d for d in drafts}
        ordered = sorted(drafts, key=lambda d: d.token.i)
        for draft in drafts:
            if draft.trigger.type not in lex.reaction_types or draft.target:
                continue
            for obj in _answered(draft.token, lex.reaction_preps):
                answered = by_token.get(obj.i)
                lemma = obj.lemma_.lower()
                if answered is None and lemma in lex.by_lemma:
                    # "the attack" told again: the last event that noun names
                    answered = _last_before(ordered, draft, partial(_names_event, lemma=lemma))
                if answered is None and lemma in lex.accusation_nouns:
                    answered = _last_before(
                        ordered,
                        draft,
                        lambda d: d.trigger.type in ("DISAPPROVE", "DEMAND", "THREATEN"),
                    )
                if answered is None and lemma in lex.act_nouns:
                    owners = _entity_ids(doc, _act_owners(obj))
                    if owners or any(c.dep_ in ("acl", "relcl", "xcomp") for c in obj.children):
                        # "Kenya's decision", "the decision to deploy troops": the noun says
                        # whose act it is, or names an act of its own
                        doers = [o for o in owners if o not in draft.actor]
                        if doers:
                            draft.target = doers
                        break
                    # "the move", "the decision": only an act told just before
                    answered = _last_before(
                        ordered,
                        draft,
                        lambda d: d.trigger.type not in lex.reaction_types,
                        within=2,
                    )
                if answered is None:
                    continue
                doers = [a for a in answered.named_actor if a not in draft.actor]
                if doers:
                    draft.target = doers
                    draft.confidence = round(min(0.95, draft.confidence + 0.05), 2)
                    break

    def _repeated(self, token: Token) -> list[Trigger] | None:
        """'rearrested', 're-imposed', 'recaptured': the act done again is the act."""
        word = token.lower_
        if not word.startswith("re"):
            return None
        rest = word[2:].lstrip("-")
        # the lemmatizer does not know most re- words ("rearrested" -> "rearreste")
        stems = [token.lemma_.lower()[2:].lstrip("-"), rest]
        stems += [rest[: -len(end)] for end in ("ed", "d", "ing", "es", "s") if rest.endswith(end)]
        stem = next((s for s in stems if s in self.lexicon.repeatable), None)
        return self.lexicon.by_lemma.get(stem) if stem else None

    # -- calls made as statements of what others should do ----------------------------

    def _normative_demands(self, doc: Doc) -> list[_Draft]:
        """'The council must act', 'Washington needs to respond', said by someone: the
        speaker demands it of the subject."""
        lex = self.lexicon
        found: list[_Draft] = []
        for cue in doc:
            lower = cue.lower_
            if cue.dep_ == "aux" and lower in lex.normative_aux:
                verb = cue.head
            elif cue.lemma_.lower() in lex.normative_verbs and cue.pos_ == "VERB":
                verb = next((c for c in cue.children if c.dep_ == "xcomp"), cue)
                if verb.i == cue.i:
                    continue
            else:
                continue
            draft = self._normative_draft(doc, cue, verb)
            if draft is not None:
                found.append(draft)
        return found

    def _normative_draft(self, doc: Doc, cue: Token, verb: Token) -> _Draft | None:
        span = (cue.idx, cue.idx + len(cue.text))
        claim = ext.claim_covering(doc, *span)
        if claim is None or claim.speaker_entity is None:
            return None
        # "X needs to act": the subject hangs from "needs"; "X must act": from "act"
        holder = cue if verb.i != cue.head.i else verb
        if any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "have" for c in verb.children):
            return None  # "they must have known": an inference, no call
        if verb.lemma_.lower() in self.lexicon.normative_not_verbs:
            return None  # "they should know that...": a warning, not a call to act
        if any(c.dep_ == "nsubjpass" for c in verb.children):
            return None  # "a response is needed": nobody is called on
        subjects = [c for c in holder.children if c.dep_ == "nsubj"]
        if not subjects or any(s.lower_ in _FIRST_PERSON or s.lower_ == "it" for s in subjects):
            return None  # "we must stay": the speaker binds himself
        clause = [verb, *_governors(verb)]
        if any(
            c.dep_ == "mark" and c.lower_ in self.lexicon.conditional_marks
            for t in clause
            for c in t.children
        ):
            return None
        target = [t for t in _entity_ids(doc, subjects) if t != claim.speaker_entity]
        if not target:
            return None
        sentence = ext.sentence_of(doc, cue.i)
        trigger = Trigger(type="DEMAND", mode=None, weight=0.5, pos=frozenset({"VERB"}))
        status = "negated" if any(c.dep_ == "neg" for c in verb.children) else "claimed"
        if status == "negated" and cue.lower_ != "must":
            status = "claimed"  # "should not give them back" still demands
        return _Draft(
            trigger=trigger,
            token=verb,
            trigger_span=span,
            sentence=sentence,
            actor=[claim.speaker_entity],
            target=target,
            place=_place_for(doc, verb, sentence, False, [claim.speaker_entity, *target]),
            time=_time_for(doc, verb, sentence),
            figures=_figures_in(doc, sentence),
            claim=claim,
            status=status,
            confidence=0.6,
            spans=[(sentence.start_char, sentence.end_char)],
        )

    # -- choosing a trigger -------------------------------------------------------------

    def _choose(self, doc: Doc, token: Token, candidates: list[Trigger]) -> Trigger | None:
        pos = (
            "VERB"
            if token.pos_ in _VERB_POS
            else "NOUN"
            if token.pos_ in _NOUN_POS
            else "ADJ"
            # "called the attack cowardly": an adjective the parser read as an adverb
            if token.pos_ in _ADJ_POS or (token.pos_ == "ADV" and token.dep_ == "advmod")
            else None
        )
        if pos is None:
            return None
        # "is deeply disappointed": a participle after a copula works as an adjective
        poses = {pos, "ADJ"} if token.dep_ == "acomp" else {pos}
        for trigger in candidates:
            if poses & trigger.pos and self._conditions_hold(doc, token, trigger):
                return trigger
        return None

    def _conditions_hold(self, doc: Doc, token: Token, trigger: Trigger) -> bool:
        if trigger.judging and not _judged(doc, token):
            return False  # "an arbitrary detention" describes; "called it arbitrary" judges
        if trigger.active_only and _is_passive(token):
            return False  # "they were met by gunmen" is no meeting
        if trigger.needs_complement and not any(c.dep_ in _COMPLEMENTS for c in token.children):
            return False  # '"It is not over," agreed Sayim' reports speech, agrees to nothing
        if (
            trigger.person_needs_complement
            and not any(c.dep_ in _COMPLEMENTS for c in token.children)
            and _subject_is_person(doc, token)
        ):
            return False  # "he is still fighting": a struggle, not a clash
        if trigger.clause_about_actor and not _clause_names_another(doc, token):
            return False  # "warned that famine could spread" judges nobody
        objects = _object_words(token)
        if trigger.object is not None and not (objects & trigger.object):
            return False
        if objects & trigger.not_object:
            return False
        if trigger.object_is is not None and not _object_is(doc, token, trigger.object_is):
            return False
        if trigger.subject_is is not None:
            subjects = _subjects(token)
            kinds = {
                e.kind
                for e in (_entity(doc, t) for t in _counted(subjects, self.lexicon.count_nouns))
                if e
            }
            if not kinds & trigger.subject_is and not (trigger.allow_no_subject and not subjects):
                return False
        if trigger.partner_is is not None and not _partner_is(doc, token, trigger.partner_is):
            return False
        # "conducting operations against X": the preposition may hang from the verb
        holders = (
            [token, token.head] if token.pos_ in _NOUN_POS and token.dep_ == "dobj" else [token]
        )
        if trigger.prep is not None and not any(
            c.dep_ == "prep" and c.lower_ in trigger.prep and not _is_time_phrase(c)
            for h in holders
            for c in h.children
        ):
            return False  # "called ... on Tuesday" is no call on anyone
        if trigger.prep_particle is not None and not any(
            c.dep_ in ("prt", "prep", "advmod") and c.lower_ in trigger.prep_particle
            for c in token.children
        ):
            return False
        if trigger.prep_object is not None and not any(
            g.lemma_.lower() in trigger.prep_object
            for c in token.children
            if c.dep_ in ("prep", "oprd", "dobj", "attr", "advcl", "xcomp", "npadvmod")
            for g in [c, *c.children]
        ):
            return False
        return not (
            trigger.head_lemma is not None and token.head.lemma_.lower() not in trigger.head_lemma
        )

    # -- arguments ------------------------------------------------------------------------

    def _draft(
        self, doc: Doc, token: Token, trigger: Trigger, trigger_span: tuple[int, int]
    ) -> _Draft | None:
        is_noun = token.pos_ in _NOUN_POS
        light_verb = self._light_verb_of(token) if is_noun else None
        light = light_verb is not None
        if is_noun:
            actor_tokens, target_tokens = self._noun_arguments(token, trigger, light_verb)
        elif trigger.judging and token.dep_ == "acomp":
            # '"The ruling is arbitrary," he said': the speaker judges the subject
            actor_tokens = []
            target_tokens = [c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        elif (
            token.pos_ in _ADJ_POS
            or token.pos_ == "ADV"
            or (token.dep_ == "acomp" and "ADJ" in trigger.pos)
        ):
            actor_tokens, target_tokens = _adjective_arguments(token)
        else:
            actor_tokens, target_tokens = _verb_arguments(
                token,
                trigger.target_preps,
                passive_actor=trigger.type in self.lexicon.passive_actor_types
                or token.lemma_.lower() in self.lexicon.stative_passive_lemmas,
            )
            if not _entity_ids(doc, target_tokens):
                target_tokens += self._complement_targets(token, trigger)
        if (
            trigger.judging
            and trigger.type == "DISAPPROVE"
            and any(t.lemma_.lower() in self.lexicon.accusation_nouns for t in target_tokens)
        ):
            # "called the allegations baseless": a rejection of what was alleged
            trigger = replace(trigger, type="REJECT")
        if self._by_nature(token, actor_tokens):
            return None  # "struck by Cyclone Chido": a storm is no actor, its damage no event
        actor = _entity_ids(doc, actor_tokens)
        target = [e for e in _entity_ids(doc, target_tokens) if e not in actor]
        sentence = ext.sentence_of(doc, token.i)
        if is_noun and not (
            light or actor or target or trigger.head_lemma or _has_place_or_time(doc, token)
        ):
            return None  # a bare noun ("the ceasefire proposal") names no event
        claim = ext.claim_covering(doc, *trigger_span)
        if claim is not None and _is_cue_of(claim, trigger_span):
            # "Israel rejected it": the rejection is the act, not something it reports
            claim = None
        if not actor_tokens and claim is not None and trigger.type in self.lexicon.speech_types:
            # '"... and strongly urge that ...," the statement said': who says it urges
            speaker = claim.speaker_entity
            actor = [speaker] if speaker and speaker not in target else []
        status = self._status(token, claim)
        if status == "hypothetical" and not (actor or target):
            return None  # "if children are abducted": a generic case, not a reported event
        if (
            status == "negated"
            and trigger.type in ("AGREE", "SUPPORT")
            and token.lemma_.lower() in self.lexicon.refusable
        ):
            # "will no longer recognize Farmajo", "did not accept the plan": a refusal
            trigger, status = replace(trigger, type="REJECT", mode=None), "asserted"
            status = "claimed" if claim is not None else status
        if _is_promise(doc, token, trigger, status, claim, actor):
            # "Kenya said it would send troops to Haiti": its own side's commitment to a
            # future act is what is reported (PLOVER AGREE); the act has not happened
            assert claim is not None and claim.speaker_entity is not None
            trigger = replace(trigger, type="AGREE", mode="promise")
            actor = actor or [claim.speaker_entity]
            status = "claimed"
        if _is_threat(doc, token, trigger, status, claim, actor):
            # '"The Taliban will be crushed," Ghani said': saying one's side will strike is
            # a threat, which is the event reported; the strike has not happened
            assert claim is not None and claim.speaker_entity is not None
            trigger = replace(trigger, type="THREATEN", mode=None)
            actor = [claim.speaker_entity]
            target = [t for t in target if t != claim.speaker_entity]
            status = "claimed"
        confidence = (
            trigger.weight
            + 0.1 * bool(actor)
            + 0.1 * bool(target)
            - 0.1 * (is_noun and not light)
            + _PROMINENCE * _prominence(light_verb or token)
        )
        if round(confidence, 2) < self.min_confidence:
            return None
        if (is_noun and self._is_background(token)) or (
            status == "planned" and self._governed_by_trigger(token)
        ):
            # ranks below the event it explains ("following the killing") or the event
            # that commits to it ("offered to negotiate" is an offer), but is still reported
            confidence = max(self.min_confidence, confidence - _BACKGROUND_PENALTY)
        target_place = (
            _place_target(doc, target_tokens)
            if not target and trigger.type in _PLACE_TARGET_TYPES
            else None
        )
        place = _place_for(doc, token, sentence, trigger.type in _PHYSICAL, actor + target)
        if target_place is not None and (place is None or trigger.type in _PHYSICAL):
            place = target_place  # "shelled Juba": where the shells fell
        if not actor and trigger.mode in self.lexicon.state_modes:
            # "X was arrested", "the arrest of X": only a state arrests, sentences or deports,
            # so the unnamed doer is the state where it happened (as ACLED codes it); for a
            # bare description ("the jailed publisher") the sentence's place is seldom where
            # it happened, so the country the article is about stands in
            where = None if token.dep_ == "amod" else place
            state = _state_actor(doc, where, target, self.lexicon.state_kinds)
            actor = [state] if state else []
            implied = bool(state)
        else:
            implied = False
        draft = _Draft(
            trigger=trigger,
            token=token,
            trigger_span=trigger_span,
            sentence=sentence,
            actor=actor,
            target=target,
            target_place=target_place,
            place=place,
            time=_time_for(doc, token, sentence),
            figures=_figures_in(doc, sentence),
            claim=claim,
            status=status,
            confidence=round(max(0.05, min(0.95, confidence)), 2),
            spans=[(sentence.start_char, sentence.end_char)],
            implied=implied,
        )
        return draft

    def _noun_arguments(
        self, token: Token, trigger: Trigger, light_verb: Token | None
    ) -> tuple[list[Token], list[Token]]:
        modifiers = [c for c in token.children if c.dep_ in ("amod", "compound", "poss", "nmod")]
        actors: list[Token] = []
        targets: list[Token] = []
        # "Russia's attack" names the attacker, "the commander's killing" the victim
        (targets if trigger.poss_role == "target" else actors).extend(modifiers)
        carrier = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "of" else None
        # "a wave of airstrikes against X": the quantity noun carries the target
        carried = (
            list(carrier.children)
            if carrier is not None and carrier.lemma_.lower() in self.lexicon.quantity_nouns
            else []
        )
        for child in [*token.children, *carried]:
            if child.dep_ != "prep" or child.i == token.head.i:
                continue
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if child.lower_ == "by" or (
                child.lower_ in ("between", "among", "amongst") and trigger.poss_role != "target"
            ):
                # "talks between Kenya and Somalia", "a deal among the three": the parties
                actors.extend(objects)
            elif child.lower_ == "of" and trigger.type in self.lexicon.of_actor_types:
                # "the withdrawal of U.S. troops", "a meeting of the bloc": who does it
                actors.extend(objects)
            elif (
                child.lower_ in _TARGET_PREPS
                or child.lower_ == "of"
                or child.lower_ in trigger.target_preps
            ):
                targets.extend(objects)
        for clause in token.children:
            # "the attacks it carried out", "the pact the U.S. negotiated with the Taliban",
            # "an offensive launched by forces": the clause's doer did the noun
            if clause.dep_ in ("relcl", "acl") and clause.pos_ == "VERB":
                if any(c.dep_ in ("dobj", "nsubjpass") for c in clause.children):
                    continue
                doers, partners = _verb_arguments(clause, trigger.target_preps)
                actors.extend(d for d in doers if d.tag_ not in ("WDT", "WP"))
                targets.extend(t for t in partners if t.dep_ == "pobj")
        if (
            not actors
            and light_verb is None
            and trigger.type in _SHARED_SCENE_TYPES
            and token.dep_ == "pobj"
            and token.head.lower_ in _SCENE_PREPS
            and token.head.head.pos_ in ("VERB", "AUX")
        ):
            # "Rubio spoke during talks with Ukrainian officials": who takes part in the
            # talks is the subject of what happened during them
            actors.extend(c for c in token.head.head.children if c.dep_ == "nsubj")
        if light_verb is not None:
            head = light_verb
            head_subjects, head_targets = _verb_arguments(head, trigger.target_preps)
            # "launched an attack against X": the target hangs from the light verb
            # ("hit Russia with sanctions"); never the phrase holding the noun itself
            targets.extend(
                t for t in head_targets if not (t.left_edge.i <= token.i <= t.right_edge.i)
            )
            if head.lemma_.lower() in self.lexicon.receptive_light_verbs:
                # "the plan drew condemnation from the UN": the UN condemns the plan
                actors.extend(
                    g
                    for c in head.children
                    if c.dep_ == "prep" and c.lower_ == "from"
                    for g in c.children
                    if g.dep_ == "pobj"
                )
                targets.extend(head_subjects)
            else:
                actors.extend(head_subjects)
        return actors, targets

    def _by_nature(self, token: Token, actor_tokens: list[Token]) -> bool:
        """Whether the doer is a natural hazard: 'a cyclone destroyed', 'submerged by floods'."""
        hazards = self.lexicon.natural_hazards
        doers = list(actor_tokens)
        for verb in [token, *token.conjuncts]:
            doers.extend(g for c in verb.children if c.dep_ == "agent" for g in c.children)
        return any(
            w.lemma_.lower() in hazards or w.lower_ in hazards
            for doer in doers
            for w in [doer, *doer.children]
            if w.dep_ not in ("prep", "relcl", "acl")
        )

    def _governed_by_trigger(self, token: Token) -> bool:
        """Whether the nearest verb a clause hangs from is a trigger itself: 'agreed to
        meet', 'threatened to strike', 'offered to mediate'."""
        governors = _governors(token)
        return bool(governors) and governors[0].lemma_.lower() in self.lexicon.by_lemma

    def _is_background(self, token: Token) -> bool:
        """Whether a noun names the cause or background of another event: 'reimposed
        blockades following the shooting deaths', 'a strike in protest of the arrest'."""
        noun = token
        while noun.dep_ in ("compound", "amod", "nmod") and noun.head.i != noun.i:
            noun = noun.head  # "the shooting deaths": the phrase's head noun
        prep = noun.head
        if noun.dep_ != "pobj" or prep.dep_ != "prep":
            return False
        lex = self.lexicon
        return prep.lower_ in lex.cause_preps or prep.head.lower_ in lex.cause_prep_heads

    def _light_verb_of(self, token: Token) -> Token | None:
        return _light_verb_of(token, self.lexicon.light_verbs, self.lexicon.quantity_nouns)

    def _complement_targets(self, token: Token, trigger: Trigger) -> list[Token]:
        """Targets a verb names through its complement: 'demanded that Iran halt'
        (the subject of the clause), 'offered to negotiate with Armenia' (the partner
        of the infinitive)."""
        found: list[Token] = []
        for child in token.children:
            objects = [child] if child.dep_ == "dobj" else []
            if child.dep_ == "prep" and child.lower_ == "for":
                objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                # "launched an operation against the rebels", "called for a war against
                # al-Shabab": the object's own target
                found.extend(
                    g
                    for o in objects
                    for p in o.children
                    if p.dep_ == "prep" and p.lower_ in _TARGET_PREPS
                    for g in p.children
                    if g.dep_ == "pobj"
                )
            elif child.dep_ == "ccomp" and trigger.type in self.lexicon.clause_target_types:
                found.extend(c for c in child.children if c.dep_ in ("nsubj", "nsubjpass"))
            elif child.dep_ == "xcomp" and child.pos_ == "VERB":
                _, targets = _verb_arguments(child, trigger.target_preps)
                found.extend(targets)
        return found

    # -- status ---------------------------------------------------------------------------

    def _status(self, token: Token, claim: Claim | None) -> str:
        lex = self.lexicon
        children = list(token.children)
        governing = [c for g in _governors(token) for c in g.children]
        if (
            any(c.dep_ == "neg" for c in children + governing)
            or any(
                c.lower_ in ("no", "never") and c.dep_ in ("det", "advmod", "neg") for c in children
            )
            or any(
                # "no passengers were killed", "killed no one"; not "no fewer than 20"
                g.lower_ == "no" and g.dep_ == "det" and not _is_count_phrase(g)
                for c in children
                if c.dep_ in ("nsubj", "nsubjpass", "dobj")
                for g in c.children
            )
            or any(
                # "will no longer recognize"
                c.dep_ == "advmod" and any(g.dep_ == "neg" for g in c.children)
                for c in children
            )
            or any(
                c.lower_ in ("nobody", "none", "nothing", "noone")
                for c in children
                if c.dep_ in ("nsubj", "nsubjpass", "dobj")
            )
        ):
            return "negated"
        for ancestor in _governors(token):
            lemma = ancestor.lemma_.lower()
            if lemma in lex.denial_heads:
                return "denied"
            if lemma in ("refuse", "fail"):
                return "negated"
        if claim is not None and _cue_lemma(claim) in self.denial_cues:
            return "denied"
        clause = [token, *_governors(token)]
        if any(
            c.dep_ == "mark" and c.lower_ in lex.conditional_marks
            for t in clause
            for c in t.children
        ):
            return "hypothetical"
        auxiliaries = {c.lower_ for t in clause for c in t.children if c.dep_ in ("aux", "auxpass")}
        if auxiliaries & lex.hypothetical_aux:
            return "hypothetical"
        if auxiliaries & lex.planned_aux:
            return "planned"
        if any(g.lemma_.lower() in lex.planning_heads for g in _governors(token)):
            return "planned"
        modifiers = {c.lower_ for c in children if c.dep_ in ("amod", "compound")}
        if modifiers & lex.planning_modifiers:
            return "planned"
        if modifiers & lex.hypothetical_modifiers:
            return "hypothetical"
        if claim is not None:
            return "claimed"
        return "asserted"


_FUTURE_AUX = _word_set("future_aux")
#: stances that commit to a coming act: "is willing to withdraw", "ready to send troops"
_WILLING = _word_set("willing")
#: acts whose announcement by the side that would carry them out is a threat (PLOVER
#: THREATEN): force, coercion, sanctions
_THREAT_TYPES = _word_set("threat_types")
#: speakers who carry out no such acts themselves: an analyst saying sanctions will come
#: threatens nothing
_BYSTANDER_KINDS = _word_set("bystander_kinds")


def _is_threat(
    doc: Doc, token: Token, trigger: Trigger, status: str, claim: Claim | None, actor: list[str]
) -> bool:
    """A future hostile act announced by its own side: 'we will respond with full force',
    'the junta said it would extend the curfew'."""
    return trigger.type in _THREAT_TYPES and _announced_by_own_side(
        doc, token, status, claim, actor
    )


#: acts whose announcement by the side that would carry them out is a commitment (PLOVER
#: AGREE): aid, talks, cooperation, concessions, withdrawals
_PROMISE_TYPES = _word_set("promise_types")


def _is_promise(
    doc: Doc, token: Token, trigger: Trigger, status: str, claim: Claim | None, actor: list[str]
) -> bool:
    """A future cooperative act announced by its own side: 'the UN said it will provide
    food aid', 'Rwanda says it is willing to withdraw troops'."""
    return trigger.type in _PROMISE_TYPES and _announced_by_own_side(
        doc, token, status, claim, actor
    )


def _announced_by_own_side(
    doc: Doc, token: Token, status: str, claim: Claim | None, actor: list[str]
) -> bool:
    """Whether an act not yet done ('will', 'would') is told, inside a claim, by the side
    that would do it (the speaker, or an actor of the speaker's country)."""
    willing = token.dep_ == "xcomp" and token.head.lemma_.lower() in _WILLING
    if claim is None or (status not in ("planned", "hypothetical") and not willing):
        return False
    speaker = claim.speaker_entity
    if speaker is None or not (claim.content[0] <= token.idx < claim.content[1]):
        return False
    clause = [token, *_governors(token)]
    if not willing and not any(
        c.lower_ in _FUTURE_AUX for t in clause for c in t.children if c.dep_ == "aux"
    ):
        return False
    kinds = {e.id: (e.kind, e.country) for e in ext.entities(doc)}
    if not actor:
        return kinds.get(speaker, ("people", None))[0] not in _BYSTANDER_KINDS
    if speaker in actor:
        return True
    side = kinds.get(speaker, ("", None))[1]
    return side is not None and all(kinds.get(a, ("", None))[1] == side for a in actor)


def _clause_names_another(doc: Doc, token: Token) -> bool:
    """Whether a that-clause of the verb is about an actor other than its subject's:
    'the EU warned that the government's actions would divide the country'."""
    lexicon = event_lexicon()
    own = set(_entity_ids(doc, _subjects(token)))
    for clause in (c for c in token.children if c.dep_ == "ccomp"):
        subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        # the clause tells what the actor does: an act ("Ethiopia would attack"), or the
        # actor's acts as subject ("the government's actions would divide the country");
        # "Ethiopia faces a drought" judges nobody
        acting = clause.lemma_.lower() in lexicon.by_lemma or any(
            s.lemma_.lower() in lexicon.act_nouns for s in subjects
        )
        if acting and any(e not in own for e in _entity_ids(doc, subjects)):
            return True
    return False


def _subject_is_person(doc: Doc, token: Token) -> bool:
    subjects = _subjects(token)
    if len(subjects) != 1 or subjects[0].conjuncts:
        return False
    subject = subjects[0]
    if subject.lower_ in ("he", "she", "i"):
        return True
    entity = _entity(doc, subject)
    return entity is not None and entity.kind == "person"


def _is_cue_of(claim: Claim, span: tuple[int, int]) -> bool:
    cue = claim.cue_span
    return cue is not None and cue[0] < span[1] and span[0] < cue[1]


def _cue_lemma(claim: Claim) -> str:
    cue = claim.cue.lower()
    for suffix, replacement in (("ied", "y"), ("ies", "y"), ("ed", ""), ("es", ""), ("s", "")):
        if cue.endswith(suffix):
            stem = cue[: -len(suffix)] + replacement
            return stem if stem in reporting_lexicon().verbs else cue
    return cue


def _governors(token: Token) -> list[Token]:
    """The verbs a clause hangs from: 'plans to *invade*' -> plans."""
    found = []
    current = token
    while (
        current.dep_ in ("xcomp", "ccomp", "dobj", "pobj", "prep", "acl")
        and current.head.i != current.i
    ):
        current = current.head
        if current.pos_ in ("VERB", "AUX", "NOUN"):
            found.append(current)
        if len(found) >= 2:
            break
    return found


def _object_words(token: Token) -> set[str]:
    words: set[str] = set()
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "compound", "amod"):
            words.add(child.lemma_.lower())
            words.add(child.lower_)
            words.update(g.lemma_.lower() for g in child.children if g.dep_ in ("compound", "amod"))
            if child.dep_ == "dobj":
                words.update(
                    g.lemma_.lower() for p in child.children if p.dep_ == "prep" for g in p.children
                )
    return words


def _object_is(doc: Doc, token: Token, wanted: str) -> bool:
    for child in token.children:
        if child.dep_ not in ("dobj", "nsubjpass"):
            continue
        start, end = child.left_edge.idx, child.right_edge.idx + len(child.right_edge.text)
        if wanted == "any":
            return True  # "slammed the decision", not "slammed into the coast"
        if wanted == "place" and ext.place_at(doc, start, end) is not None:
            return True
        entity = ext.entity_at(doc, child.idx, child.idx + len(child.text))
        if wanted == "person" and (
            child.ent_type_ == "PERSON"
            or (entity is not None and entity.kind in ("person", "people"))
            or child.lemma_.lower()
            in ("leader", "commander", "soldier", "civilian", "hostage", "official")
        ):
            return True
        if wanted == "actor" and entity is not None:
            return True
    return False


#: prepositions whose object is what a verb leaves or cuts ties with ("withdrew from X")
_PARTNER_PREPS = frozenset({"from", "of"})


def _partner_is(doc: Doc, token: Token, kinds: frozenset[str]) -> bool:
    """Whether the verb's object, or what it leaves ('from', 'out of'), is of these kinds."""
    partners = [c for c in token.children if c.dep_ == "dobj"]
    for child in token.children:
        if child.dep_ in ("prep", "prt") and child.lower_ in _PARTNER_PREPS | {"out"}:
            partners.extend(g for g in child.children if g.dep_ == "pobj")
            # "pulled out of X": the particle's preposition
            partners.extend(
                g
                for p in child.children
                if p.dep_ == "prep" and p.lower_ in _PARTNER_PREPS
                for g in p.children
                if g.dep_ == "pobj"
            )
    return any(e is not None and e.kind in kinds for e in (_entity(doc, t) for t in partners))


def _counted(tokens: list[Token], count_nouns: frozenset[str]) -> list[Token]:
    """Tokens with what a number counts: 'hundreds of residents' -> residents."""
    found = list(tokens)
    for token in tokens:
        if token.pos_ == "NUM" or token.like_num or token.lower_ in count_nouns:
            found.extend(
                g
                for c in token.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children
                if g.dep_ == "pobj"
            )
    return found


def _subjects(token: Token) -> list[Token]:
    subjects, _ = _verb_arguments(token)
    return subjects


#: verbs that pass judgement through their complement: 'called the move reckless',
#: 'described the raid as illegal'
_JUDGING_VERBS = _word_set("judging_verbs")


def _is_count_phrase(no: Token) -> bool:
    """'no fewer than 20', 'no more than 30': a count, not a denial."""
    after = no.nbor(1) if no.i + 1 < len(no.doc) else None
    return after is not None and after.lower_ in ("fewer", "more", "less", "than")


def _act_owners(noun: Token) -> list[Token]:
    """Who an act noun belongs to: 'Kenya's decision', 'the decision by the court'."""
    owners = [c for c in noun.children if c.dep_ == "poss"]
    owners += [
        g
        for p in noun.children
        if p.dep_ in ("prep", "agent") and p.lower_ in ("by", "of")
        for g in p.children
        if g.dep_ == "pobj"
    ]
    return owners


def _is_time_phrase(prep: Token) -> bool:
    return any(g.ent_type_ in ("DATE", "TIME") for g in prep.children if g.dep_ == "pobj")


def _judged(doc: Doc, token: Token) -> bool:
    """Whether an evaluative adjective passes judgement: the complement of a judging verb
    ('called the ruling arbitrary', 'described it as inhumane'), or said of its subject
    inside a claim ('"The charges are baseless," she said')."""
    head = token.head
    if token.dep_ == "oprd" or (token.dep_ in ("amod", "acomp") and head.dep_ == "oprd"):
        return True
    if (
        token.dep_ in ("advmod", "xcomp", "ccomp", "acomp")
        and head.lemma_.lower() in _JUDGING_VERBS
        and any(c.dep_ == "dobj" for c in head.children)
    ):
        return True  # "called the attack cowardly", misparsed as an adverb
    if head.lower_ == "as" and head.dep_ == "prep":
        return head.head.lemma_.lower() in _JUDGING_VERBS
    copula = head if token.dep_ == "acomp" else head.head
    if (token.dep_ == "acomp" or (token.dep_ == "amod" and head.dep_ == "attr")) and (
        copula.lemma_.lower() == "be"  # "the charges are baseless", not "we felt brave"
    ):
        return ext.claim_covering(doc, token.idx, token.idx + len(token.text)) is not None
    return False


def _rank_below_governors(drafts: list[_Draft], floor: float) -> None:
    """'threatened to impose a curfew', 'agreed to hold talks': the act a trigger governs
    is what it threatens or commits to, so it ranks below that trigger (never below the
    component's minimum confidence). Governors are settled first, top of the tree down."""
    by_token = {d.token.i: d for d in drafts}
    for draft in sorted(drafts, key=lambda d: len(list(d.token.ancestors))):
        for governor in _governors(draft.token):
            above = by_token.get(governor.i)
            if above is not None and above is not draft and draft.status != "asserted":
                lowered = min(draft.confidence, above.confidence - 0.05)
                draft.confidence = round(max(floor, lowered), 2)
                break


def _answered(token: Token, preps: frozenset[str]) -> list[Token]:
    """What a reaction answers: its object ('condemned the attack'), the object of its
    preposition ('concern over the ruling', 'condemnation of the raid'), or, for a
    judging adjective, what it judges ('called the move unacceptable')."""
    found: list[Token] = []
    owner = token.head if token.dep_ in ("acomp", "oprd") else token
    for verb in (token, owner):
        for child in verb.children:
            if child.dep_ in ("dobj", "nsubjpass"):
                found.append(child)
            elif child.dep_ == "prep" and child.lower_ in preps:
                found.extend(g for g in child.children if g.dep_ == "pobj")
    return [*found, *(c for f in found for c in f.conjuncts)]


def _last_before(
    drafts: list[_Draft], draft: _Draft, wanted: Callable[[_Draft], bool], within: int = 5
) -> _Draft | None:
    """The last draft before ``draft`` (at most ``within`` sentences back) that ``wanted``
    accepts."""
    doc = draft.token.doc
    best: _Draft | None = None
    for other in drafts:
        if other.token.i >= draft.token.i:
            break
        if other is not draft and wanted(other):
            best = other
    if best is None:
        return None
    between = ext.sentence_number(doc, draft.sentence.start) - ext.sentence_number(
        doc, best.sentence.start
    )
    return best if between <= within else None


def _names_event(draft: _Draft, lemma: str) -> bool:
    """Whether a noun ('attack', 'bombing') names the event of ``draft``."""
    if draft.token.lemma_.lower() == lemma:
        return True
    return any(t.type == draft.trigger.type for t in event_lexicon().by_lemma.get(lemma, []))


#: meetings and agreements whose participants are the subject of a verb told as happening
#: during them ("spoke at a news conference with X", "signed during a visit to Y")
_SHARED_SCENE_TYPES = _word_set("shared_scene_types")
_SCENE_PREPS = _word_set("scene_preps")

#: confidence a trigger gains as the main predicate of its sentence (or of what a
#: source says), or loses in a clause that only qualifies another one
_PROMINENCE = 0.1
_SUBORDINATE = frozenset({"advcl", "relcl", "acl", "pcomp", "amod", "csubj"})
_FINITE = frozenset({"VBD", "VBZ", "VBP"})


def _prominence(token: Token) -> int:
    """+1 for the sentence's main predicate ('Police *arrested* 12, officials said'),
    -1 inside a clause that qualifies another ('..., *killing* one person'), else 0."""
    current = token
    while current.dep_ == "conj" and current.head.i != current.i:
        current = current.head
    if current.dep_ == "ROOT" or (
        current.dep_ == "acl" and current.tag_ in _FINITE and current.head.dep_ == "ROOT"
    ):
        return 1  # a finite verb hung on the root noun is the misparsed predicate
    if current.dep_ == "ccomp" and current.head.dep_ == "ROOT":
        # "X attacked Y, officials said": the content of a report is its main news
        return 1 if current.head.lemma_.lower() in reporting_lexicon().verbs else 0
    return -1 if current.dep_ in _SUBORDINATE else 0


#: relative pronouns, which stand for the noun their clause describes
_RELATIVE = frozenset({"who", "whom", "which", "that"})


def _relative_antecedent(token: Token) -> Token:
    """'the reporter, who was detained': the noun a relative pronoun stands for."""
    clause = token.head
    if (
        token.lower_ in _RELATIVE
        and token.tag_ in ("WP", "WDT")
        and clause.dep_ == "relcl"
        and clause.head.i != clause.i
    ):
        return clause.head
    return token


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _verb_arguments(
    token: Token, extra_preps: frozenset[str] = frozenset(), passive_actor: bool = False
) -> tuple[list[Token], list[Token]]:
    """(actor tokens, target tokens) of a verb, through passives, relative clauses,
    participles, shared subjects and controlled infinitives. ``passive_actor``: the
    passive subject is the doer ('troops were deployed')."""
    actors: list[Token] = []
    targets: list[Token] = []
    for child in token.children:
        if child.dep_ in ("nsubj", "csubj") or (child.dep_ == "nsubjpass" and passive_actor):
            actors.append(_relative_antecedent(child))
        elif child.dep_ in ("dobj", "nsubjpass", "dative"):
            targets.append(_relative_antecedent(child))
        elif child.dep_ == "agent":
            actors.extend(g for g in child.children if g.dep_ == "pobj")
        elif child.dep_ == "prep" and (
            child.lower_ in _TARGET_PREPS or child.lower_ in extra_preps
        ):
            targets.extend(g for g in child.children if g.dep_ == "pobj")
    head = token.head
    if token.dep_ == "conj" and not targets and token.tag_ == "VBN" and _is_passive(head):
        # "were beaten and later detained by soldiers": the shared passive subject
        targets.extend(c for c in head.children if c.dep_ == "nsubjpass")
    if head.i == token.i or actors:
        return actors, targets
    if token.dep_ == "acomp" and head.pos_ in ("AUX", "VERB"):
        # "Kenya is opposed to": the copula's subject holds the stance (or, for an act,
        # undergoes it: "the party is banned")
        subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
        (actors if passive_actor or token.tag_ != "VBN" else targets).extend(subjects)
    elif token.dep_ == "relcl":
        if _is_passive(token):
            if not targets:
                targets.append(head)  # "journalists who were detained" (no pronoun parsed)
        else:
            actors.append(head)  # "militants who attacked"
    elif token.dep_ in ("acl", "amod") and head.pos_ in _NOUN_POS:
        if token.tag_ == "VBN" and not targets:
            targets.append(head)  # "the jailed publisher", "a journalist arrested over"
        elif token.tag_ in ("VBG", "VBD", "VBZ", "VBP"):
            # "gunmen firing on the crowd"; a finite verb read as a modifier is the
            # sentence's predicate misparsed ("The commander offered ...")
            actors.append(head)
    elif token.dep_ == "conj":
        head_actors, _ = (
            _verb_arguments(head, passive_actor=passive_actor)
            if head.pos_ in ("VERB", "AUX")
            else ([], [])
        )
        actors.extend(head_actors)
    elif token.dep_ in ("xcomp", "advcl", "pcomp") and not any(
        c.dep_ in ("nsubjpass", "expl") or (c.dep_ == "mark" and token.dep_ == "advcl")
        for c in token.children
    ):
        # a clause with a subject of its own ("..., as eight protesters were killed") or
        # a finite adverbial clause ("when police arrived") is not the governor's doing
        governor = head
        if token.dep_ == "pcomp" and governor.dep_ == "prep":
            governor = governor.head  # "accused of planning": the verb before "of"
        if governor.pos_ in _ADJ_POS and governor.dep_ == "acomp":
            governor = governor.head  # "Hamas is ready to accept": the subject of "is"
        if governor.pos_ not in ("VERB", "AUX"):
            return actors, targets
        children = list(governor.children)
        controller = [c for c in children if c.dep_ == "dobj"] if token.dep_ == "xcomp" else []
        if controller and any(_is_actorish(c) for c in controller):
            actors.extend(controller)  # "urged Iran to halt": Iran would halt
        elif token.dep_ != "advcl" and any(c.dep_ == "nsubjpass" for c in children):
            # "were accused of planning", "is expected to hold": the passive subject
            actors.extend(_relative_antecedent(c) for c in children if c.dep_ == "nsubjpass")
        else:
            head_actors, _ = _verb_arguments(governor)
            actors.extend(head_actors)
    return actors, targets


def _is_actorish(token: Token) -> bool:
    """Whether a noun can be the doer of a clause: a name, a pronoun or a group noun."""
    return (
        token.pos_ in ("PROPN", "PRON")
        or token.ent_type_ in ("ORG", "GPE", "NORP", "PERSON")
        or (token.pos_ == "NOUN" and token.tag_ == "NNS")
    )


def _adjective_arguments(token: Token) -> tuple[list[Token], list[Token]]:
    """'The EU is deeply disappointed by / angry with X': the subject of the copula feels,
    the object of its preposition is what it is about."""
    owner = token.head if token.dep_ in ("acomp", "oprd") else token
    # "described the move as deplorable", "called the raid unlawful": the subject of the
    # verb judges, its object is judged
    judging = token.dep_ == "oprd" or (
        token.head.lower_ == "as" and token.head.dep_ == "prep" and token.head.head.pos_ == "VERB"
    )
    if judging and token.dep_ != "oprd":
        owner = token.head.head
    elif token.dep_ == "advmod" and token.head.lemma_.lower() in _JUDGING_VERBS:
        judging, owner = True, token.head  # "called the attack cowardly" (read as an adverb)
    actors = [c for c in owner.children if c.dep_ in ("nsubj", "nsubjpass")]
    if token.dep_ == "amod" and token.head.pos_ in _NOUN_POS and not judging:
        actors.append(token.head)  # "angry protesters"
    targets = [
        g
        for c in token.children
        if c.dep_ in ("prep", "agent") and c.lower_ in _FEELING_PREPS
        for g in c.children
        if g.dep_ == "pobj"
    ]
    if judging:
        targets.extend(c for c in owner.children if c.dep_ == "dobj")
    return actors, targets


def _is_light(verb: Token, light_verbs: frozenset[str]) -> bool:
    return verb.lemma_.lower() in light_verbs or verb.lower_ in light_verbs


def _light_verb_of(
    token: Token, light_verbs: frozenset[str], quantity_nouns: frozenset[str]
) -> Token | None:
    """The light verb a noun trigger is the object of: 'launched an attack',
    'engaged in fighting', 'carried out a series of airstrikes'."""
    head = token.head
    if (
        token.dep_ == "pobj"
        and head.lower_ == "of"
        and head.head.lemma_.lower() in quantity_nouns
        and head.head.i != token.i
    ):
        token = head.head  # "a wave of arrests" is done as the arrests are
        head = token.head
    if any(c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as") for c in head.children):
        return None  # "called the attack cowardly": a judgement of the act, not doing it
    if token.dep_ in ("dobj", "nsubjpass") and _is_light(head, light_verbs):
        return head
    if token.dep_ == "pobj":
        if _is_light(head, light_verbs):
            return head
        verb = head.head
        if head.dep_ == "prep" and verb.pos_ == "VERB" and _is_light(verb, light_verbs):
            return verb
    return None


#: pronouns by which a speaker names himself or his side: "We condemn..." in a quote
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})


def _entity(doc: Doc, token: Token) -> Entity | None:
    if token.pos_ == "PRON":
        if token.lower_ in _FIRST_PERSON:
            return _speaker_of(doc, token)
        return ext.antecedent(doc, token.idx, token.lower_)
    return ext.entity_at(doc, token.idx, token.idx + len(token.text))


def _speaker_of(doc: Doc, token: Token) -> Entity | None:
    """The entity who speaks the claim a first-person pronoun stands in."""
    claim = ext.claim_covering(doc, token.idx, token.idx + len(token.text))
    if claim is None or claim.speaker_entity is None:
        return None
    return next((e for e in ext.entities(doc) if e.id == claim.speaker_entity), None)


def _state_actor(
    doc: Doc, place_id: str | None, excluded: list[str], kinds: tuple[str, ...]
) -> str | None:
    """The state actor of the country an event happened in (its place's country, else the
    country the article is mostly about): its authorities, else forces, else the country."""
    iso = next((p.country for p in ext.places(doc) if p.id == place_id), None)
    iso = iso or _dominant_country(doc)
    if iso is None:
        return None
    candidates = [e for e in ext.entities(doc) if e.country == iso and e.id not in excluded]
    for kind in kinds:
        for entity in candidates:
            if entity.kind == kind:
                return entity.id
    return None


def _dominant_country(doc: Doc) -> str | None:
    """The country most mentioned through places and actors; None on a tie. Kept per doc."""
    if "totor_dominant_country" in doc.user_data:
        return cast(str | None, doc.user_data["totor_dominant_country"])
    counts: dict[str, int] = {}
    located: list[tuple[str | None, int]] = [(p.country, len(p.mentions)) for p in ext.places(doc)]
    located += [(e.country, len(e.mentions)) for e in ext.entities(doc)]
    for iso, n in located:
        if iso:
            counts[iso] = counts.get(iso, 0) + n
    best = max(counts.values(), default=0)
    leaders = [iso for iso, n in counts.items() if n == best]
    dominant = leaders[0] if len(leaders) == 1 else None
    doc.user_data["totor_dominant_country"] = dominant
    return dominant


def _entity_ids(doc: Doc, tokens: list[Token]) -> list[str]:
    """Entities named by argument tokens, their conjuncts and their noun phrase."""
    ids: list[str] = []
    for token in tokens:
        for member in [token, *token.conjuncts]:
            # "the Syrian Kurdish militia, the YPG": the name in apposition wins
            named = [a for a in member.children if a.dep_ == "appos" and a.pos_ == "PROPN"]
            entity = next((e for e in (_entity(doc, a) for a in named) if e is not None), None)
            entity = entity or _entity(doc, member)
            if entity is None:
                # "the headquarters of Hamas": look inside the noun phrase, not in its
                # locative or relative parts ("people in southern Israel")
                for inner in _phrase_tokens(member):
                    entity = ext.entity_at(doc, inner.idx, inner.idx + len(inner.text))
                    if entity is not None:
                        break
            if entity is not None and entity.id not in ids:
                ids.append(entity.id)
    return ids


def _phrase_tokens(head: Token) -> list[Token]:
    """A noun's own phrase: its left modifiers, itself, and 'of ...' complements."""
    tokens = [t for left in head.lefts for t in left.subtree]
    tokens.append(head)
    for right in head.rights:
        if (right.dep_ == "prep" and right.lower_ == "of") or right.dep_ in (
            "compound",
            "flat",
            "appos",
        ):
            tokens.extend(right.subtree)
        elif right.dep_ == "acl":
            # "the allegations made by Pakistan": whose they are
            tokens.extend(t for c in right.children if c.dep_ == "agent" for t in c.subtree)
    return tokens


def _has_place_or_time(doc: Doc, token: Token) -> bool:
    start, end = token.left_edge.idx, token.right_edge.idx + len(token.right_edge.text)
    if any(start <= m[0] < end for p in ext.places(doc) for m in p.mentions):
        return True
    return any(start <= t.span[0] < end for t in ext.times(doc))


def _place_for(
    doc: Doc, token: Token, sentence: Span, nearest: bool, participants: list[str]
) -> str | None:
    """The place the event happened: one in the trigger's phrase, else (for physical
    events) the nearest in the sentence; never a participant ('Israel rejected...')."""
    start, end = token.left_edge.idx, token.right_edge.idx + len(token.right_edge.text)
    taken = [m for e in ext.entities(doc) if e.id in participants for m in e.mentions]
    best: tuple[int, str] | None = None
    for place in ext.places(doc):
        for m_start, m_end in place.mentions:
            if not (sentence.start_char <= m_start < sentence.end_char):
                continue
            if any(t_start <= m_start < t_end for t_start, t_end in taken):
                continue
            mention = doc.char_span(m_start, m_end, alignment_mode="expand")
            if mention is None or not _locates(mention.root, token):
                continue  # "China-funded", "the Washington-led war": whose, not where
            inside = start <= m_start < end
            if not inside and not nearest:
                continue
            distance = abs(m_start - token.idx) - (10_000 if inside else 0)
            if best is None or distance < best[0]:
                best = (distance, place.id)
    return best[1] if best else None


#: acts that can be done to a place rather than to an actor: shelling a town, blockading
#: a strip, threatening a region, sanctioning a port, sending aid to a province
_PLACE_TARGET_TYPES = frozenset({"ASSAULT", "COERCE", "THREATEN", "SANCTION", "AID"})


def _place_target(doc: Doc, target_tokens: list[Token]) -> str | None:
    """The place an act is done to: the object itself ('shelled Juba'), or the place
    inside it ('fired at targets in Jericho', 'a blockade of the Gaza Strip')."""
    for token in target_tokens:
        for member in [token, *token.conjuncts]:
            candidates = [member] + [
                g
                for p in member.children
                if p.dep_ == "prep" and p.lower_ in ("in", "of", "near", "around")
                for g in p.children
                if g.dep_ == "pobj"
            ]
            # "the Abasan junction", "the Rafah crossing": the place names the object
            candidates += [c for c in member.children if c.dep_ == "compound"]
            for candidate in candidates:
                start = candidate.idx
                place = ext.place_at(doc, start, start + len(candidate.text))
                if (
                    place is not None
                    and ext.entity_at(doc, start, start + len(candidate.text)) is None
                ):
                    return place.id
    return None


#: how a place name hangs inside a longer place phrase: "the Somali city of Beledweyne",
#: "the C.A.R.'s capital, Bangui", "Gaza's Rafah"
_PLACE_CHAIN = frozenset({"compound", "appos", "conj", "poss", "flat"})


def _locates(place: Token, trigger: Token) -> bool:
    """Whether a place name says where something happened: the object of a locative
    preposition ('in the Somali city of Beledweyne'), an adverbial ('fighting Tuesday
    near Bakhmut'), or a modifier of the trigger noun itself ('the Kabul attack')."""
    after = place.i + 1
    if after < len(place.doc) and place.doc[after].text in ("-", "–"):
        return False  # "the China-funded port", "a Kenya-U.S. base": whose, not where
    current = place
    for _ in range(6):
        head = current.head
        if head.i == current.i:
            return False
        if head.i == trigger.i and (
            trigger.pos_ in _NOUN_POS or current.dep_ in ("dobj", "nsubjpass")
        ):
            return True  # "the Kabul attack", "captured the Abasan junction", "Gao was shelled"
        if current.dep_ == "pobj":
            if head.lower_ in _PLACE_PREPS:
                return True
            if head.lower_ == "of" and head.head.pos_ in _NOUN_POS:
                current = head.head  # "the city of X": the phrase's head noun decides
                continue
            return False
        if current.dep_ in _PLACE_CHAIN or (current.dep_ == "amod" and current.pos_ == "PROPN"):
            current = head
            continue
        return current.dep_ in ("npadvmod", "advmod")
    return False


def _time_for(doc: Doc, token: Token, sentence: Span) -> str | None:
    best: tuple[int, str] | None = None
    for time in ext.times(doc):
        if not (sentence.start_char <= time.span[0] < sentence.end_char):
            continue
        distance = abs(time.span[0] - token.idx)
        if best is None or distance < best[0]:
            best = (distance, time.id)
    return best[1] if best else None


def _figures_in(doc: Doc, sentence: Span) -> list[str]:
    ids = []
    for figure in ext.figures(doc):
        spans = [figure.span, *figure.spans]
        if any(sentence.start_char <= s[0] < sentence.end_char for s in spans):
            ids.append(figure.id)
    return ids


def _compatible(a: list[str], b: list[str]) -> bool:
    return not a or not b or bool(set(a) & set(b))


#: time precisions fine enough that one date named twice tells of one incident
_FINE_PRECISIONS = frozenset({"hour", "day"})


@dataclass(frozen=True)
class _Setting:
    """What tells two reports' places and times apart beyond their ids."""

    #: place id -> id of the country place that holds it, when that country is named
    within: dict[str, str] = field(default_factory=dict)
    #: place id -> ISO country
    country: dict[str, str] = field(default_factory=dict)
    #: time id -> (first day, last day) as ISO dates, for times no coarser than a day
    days: dict[str, tuple[str, str]] = field(default_factory=dict)


def _setting(doc: Doc) -> _Setting:
    """'Gonaives' and 'Haiti' can tell of one incident; 'Thursday' said twice is one day."""
    country_place = {p.country: p.id for p in ext.places(doc) if p.feature == "country"}
    within = {
        p.id: country_place[p.country]
        for p in ext.places(doc)
        if p.country in country_place and p.feature != "country"
    }
    country = {p.id: p.country for p in ext.places(doc) if p.country}
    days = {
        t.id: (t.start[:10], (t.end or t.start)[:10])
        for t in ext.times(doc)
        if t.start and t.precision in _FINE_PRECISIONS
    }
    return _Setting(within=within, country=country, days=days)


def _merge(drafts: list[_Draft], setting: _Setting | None = None) -> list[_Draft]:
    """One event per incident: merge drafts of one type in a sentence whose arguments agree,
    and drafts in different sentences that report the same incident (see
    ``_same_incident``); a later report joins the latest earlier one it fits."""
    merged: list[_Draft] = []
    for draft in sorted(drafts, key=lambda d: d.trigger_span[0]):
        for kept in reversed(merged):
            if kept.trigger.type != draft.trigger.type:
                continue
            same_sentence = kept.sentence.start == draft.sentence.start
            if _casualties_of(kept, draft, setting or _Setting()):
                pass  # "... attacked a base. Three Americans were killed.": its toll
            elif same_sentence:
                if not (
                    _compatible(kept.named_actor, draft.named_actor)
                    and _compatible(kept.target, draft.target)
                ):
                    continue
                if kept.status != draft.status:
                    continue
            elif not _same_incident(kept, draft, setting or _Setting()):
                continue
            _absorb(kept, draft, same_sentence)
            break
        else:
            merged.append(draft)
    return merged


#: sentence openers that start another story: "Separately, ...", "Elsewhere, ..."
_NEW_TOPIC = _word_set("new_topic")

#: verbs that report a toll; said with no doer right after an attack, they tell its victims
_CASUALTY_LEMMAS = _word_set("casualty_lemmas")


def _told_apart(draft: _Draft) -> bool:
    """Whether a report says it is another story: 'Separately, ...', 'Elsewhere, ...', 'In
    a separate attack, ...'."""
    opening = draft.sentence[0].lower_ if len(draft.sentence) else ""
    return opening in _NEW_TOPIC or any(
        t.lower_ in ("separate", "unrelated") and t.dep_ == "amod" for t in draft.sentence
    )


def _casualties_of(kept: _Draft, draft: _Draft, setting: _Setting) -> bool:
    """Whether ``draft`` only reports the victims of ``kept``: a doerless 'were killed' /
    'died' in the same or the next sentence or two after an attack, nothing telling them
    apart (status, time, place)."""
    token = draft.token
    if (
        kept.trigger.type != "ASSAULT"
        or draft.trigger.type != "ASSAULT"
        or token.lemma_.lower() not in _CASUALTY_LEMMAS
        or draft.named_actor
        or kept.token.lemma_.lower() in _CASUALTY_LEMMAS
        or kept.sentence.start > draft.sentence.start
    ):
        return False
    if not (_is_passive(token) or token.lemma_.lower() == "die"):
        return False
    if _told_apart(draft):
        return False
    doc = token.doc
    # sentences told between the attack's and this one
    between = (
        ext.sentence_number(doc, draft.sentence.start)
        - ext.sentence_number(doc, kept.sentence.start)
        - 1
    )
    if between > 1:
        return False
    if kept.status != draft.status and not {kept.status, draft.status} <= _FACTUAL:
        return False
    return _times_agree(kept.time, draft.time, setting) and (
        _places_agree(kept.place, draft.place, setting)
        or _same_country(kept.place, draft.place, setting)
    )


def _agree(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


#: statuses one incident can carry in different reports of it ("X was killed" and
#: "the army said it killed X"); denied, negated, planned or hypothetical ones stay apart
_FACTUAL = frozenset({"asserted", "claimed"})


def _places_agree(a: str | None, b: str | None, setting: _Setting) -> bool:
    within = setting.within
    return _agree(a, b) or within.get(str(a)) == b or within.get(str(b)) == a


def _same_country(a: str | None, b: str | None, setting: _Setting) -> bool:
    """Places that may be one seen at two scales: unknown, or in one country."""
    first, second = setting.country.get(str(a)), setting.country.get(str(b))
    return first is None or second is None or first == second


def _times_agree(a: str | None, b: str | None, setting: _Setting) -> bool:
    """Times that may be one: unknown, or the same days named twice ("Thursday" in two
    sentences); overlapping spans are not enough ("since 2009" holds many attacks)."""
    if _agree(a, b):
        return True
    first, second = setting.days.get(str(a)), setting.days.get(str(b))
    # a month or a year named twice may hold many incidents ("in 2009" and "since 2009")
    return first is not None and first == second


def _same_incident(kept: _Draft, draft: _Draft, setting: _Setting) -> bool:
    """Two sentences report one incident: same type and mode, nothing that tells them
    apart (actors, targets, place, time, status), and either a shared participant or
    place, or no participant at all in the later one ("the attack" told again). The same
    named victim of the same kind of act in one country is one incident even when the
    reports name its place at different scales ("in Anbar", "in Iraq")."""
    if not (
        _agree(kept.trigger.mode, draft.trigger.mode)
        and _compatible(kept.named_actor, draft.named_actor)
        and _compatible(kept.target, draft.target)
        and _times_agree(kept.time, draft.time, setting)
    ):
        return False
    if kept.status != draft.status and not {kept.status, draft.status} <= _FACTUAL:
        return False
    if _told_apart(draft):
        return False
    shared_target = bool(set(kept.target) & set(draft.target))
    if not _places_agree(kept.place, draft.place, setting) and not (
        shared_target
        and kept.trigger.mode is not None
        and _same_country(kept.place, draft.place, setting)
    ):
        return False
    shared = (
        bool(set(kept.named_actor) & set(draft.named_actor))
        or shared_target
        or (kept.place is not None and kept.place == draft.place)
    )
    return shared or not (draft.named_actor or draft.target)


def _absorb(kept: _Draft, other: _Draft, same_sentence: bool) -> None:
    if other.confidence > kept.confidence and same_sentence:
        kept.token, kept.trigger_span, kept.trigger = other.token, other.trigger_span, other.trigger
    if kept.implied and other.actor:
        kept.actor, kept.implied = [], other.implied
    elif other.implied and kept.actor:
        other = replace(other, actor=[])
    kept.actor += [a for a in other.actor if a not in kept.actor]
    kept.target += [t for t in other.target if t not in kept.target and t not in kept.actor]
    kept.place = kept.place or other.place
    if not kept.target:
        kept.target_place = kept.target_place or other.target_place
    kept.time = kept.time or other.time
    kept.figures += [f for f in other.figures if f not in kept.figures]
    kept.claim = kept.claim or other.claim
    kept.confidence = max(kept.confidence, other.confidence)
    for span in other.spans:
        if span not in kept.spans:
            kept.spans.append(span)


def _number(drafts: list[_Draft]) -> list[Event]:
    events = []
    for n, d in enumerate(drafts, start=1):
        events.append(
            Event(
                id=f"v{n}",
                type=d.trigger.type,  # type: ignore[arg-type]
                mode=d.trigger.mode,
                actor=d.actor,
                target=d.target,
                target_place=None if d.target else d.target_place,
                place=d.place,
                time=d.time,
                figures=d.figures,
                claim=d.claim.id if d.claim else None,
                status=d.status,  # type: ignore[arg-type]
                trigger=d.trigger_span,
                span=d.spans[0],
                spans=d.spans,
                confidence=d.confidence,
            )
        )
    return events


@Language.factory(
    "totor_events",
    requires=["token.dep", "token.lemma", "token.pos", "doc.sents"],
    assigns=["doc._.events"],
    default_config={"min_confidence": 0.3},
)
def make_event_extractor(nlp: Language, name: str, min_confidence: float) -> EventExtractor:
    return EventExtractor(nlp, name=name, min_confidence=min_confidence)
