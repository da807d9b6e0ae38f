import json

import pytest

from rubrics.loader import builtin_ids, builtin_rubric, rubric_from_dict, rubric_to_dict


@pytest.mark.parametrize("rubric_id", builtin_ids())
def test_round_trip_through_json(rubric_id):
    original = builtin_rubric(rubric_id)
    frozen = json.dumps(rubric_to_dict(original), ensure_ascii=False)
    again = rubric_from_dict(json.loads(frozen), "campaign 7")
    assert again == original
    assert again.max_total() == original.max_total()
    assert [str(leaf.points) for leaf in again.leaves()] == [str(leaf.points) for leaf in original.leaves()]
    assert rubric_to_dict(again) == rubric_to_dict(original)


def test_frozen_copy_keeps_provisional_marks():
    data = rubric_to_dict(builtin_rubric("ningxia-2022"))
    assert data["star_levels"][-1]["provisional"] is True
    assert data["star_levels"][-1]["threshold"] == "95"
    assert data["indicators"][0]["children"][0]["provisional"] is True
    assert data["vetoes"][0]["provisional"] is True


def test_henan_points_written_as_base_plus_extension():
    data = rubric_to_dict(builtin_rubric("henan-v2"))
    assert data["indicators"][0]["points"] == "40+9"
    assert data["issued"] == "2020-10-26"
    assert data["bonus"]["cap"] == "30"
