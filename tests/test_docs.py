"""The format reference's example is a valid scenario and its action file plays."""

from __future__ import annotations

import re
from pathlib import Path

from sim.engine import check_source, run_actions_file

DOC = Path(__file__).parents[1] / "docs" / "scenario-format.md"


def _blocks(kind: str) -> list[str]:
    return re.findall(rf"```{kind}\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def test_the_annotated_example_is_valid_and_plays() -> None:
    scenario, problems = check_source(_blocks("yaml")[0].encode(), "example.yaml")
    assert problems == [] and scenario is not None
    actions = _blocks("text")[0]
    result = run_actions_file(scenario, actions)
    assert result.decisions and result.decisions[0]["chosen"] == "walk_him"


def test_a_choice_may_set_the_flag_its_condition_reads() -> None:
    scenario, _ = check_source(_blocks("yaml")[0].encode(), "example.yaml")
    assert scenario is not None
    result = run_actions_file(scenario, "09:05 attend walt_arrives\nchoose sign\n")
    assert result.decisions[0]["chosen"] == "sign"
    assert any("writes about the new sign" in line for line in result.log)
