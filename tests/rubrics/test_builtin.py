from decimal import Decimal

import pytest

from rubrics.errors import RubricError
from rubrics.loader import builtin_ids, builtin_rubric, resolve_rubric
from rubrics.scoring import gap_text, score, star_for
from tests.rubrics.helpers import fill

D = Decimal


@pytest.fixture(scope="module")
def ningxia():
    return builtin_rubric("ningxia-2022")


@pytest.fixture(scope="module")
def henan():
    return builtin_rubric("henan-v2")


def test_both_builtins_are_listed_and_load():
    assert builtin_ids() == ["henan-v2", "ningxia-2022"]
    for rubric_id in builtin_ids():
        rubric = builtin_rubric(rubric_id)
        assert rubric.id == rubric_id
        assert rubric.is_provisional  # neither official table was available


def test_unknown_builtin_names_the_known_ids():
    with pytest.raises(RubricError) as caught:
        builtin_rubric("shaanxi-2030")
    assert "henan-v2" in str(caught.value) and "ningxia-2022" in str(caught.value)


def test_resolve_by_id_and_by_path(tmp_path, ningxia):
    assert resolve_rubric("ningxia-2022") is ningxia
    path = tmp_path / "copy.toml"
    from rubrics import loader

    path.write_bytes((loader.resources.files("rubrics") / "builtin" / "ningxia-2022.toml").read_bytes())
    assert resolve_rubric(path) == ningxia


def test_ningxia_shape(ningxia):
    names = [i.name for i in ningxia.indicators]
    assert names == ["基础设施", "数字资源", "融合应用", "师生能力与发展", "保障体系", "示范成果"]
    second = [child for first in ningxia.indicators for child in first.children]
    assert len(second) == 22
    assert all(child.is_leaf and child.provisional for child in second)
    assert sum(i.max_score for i in ningxia.indicators) == 100
    assert ningxia.max_total() == 100
    assert [s.level for s in ningxia.star_levels] == [2, 3, 4, 5]  # no one-star level
    assert ningxia.star_level(5).provisional
    assert [v.text for v in ningxia.vetoes] == ["发生重大网络安全事故"]


JINGYUAN = [
    ("71.5", 2),
    ("77.5", 2),
    ("75", 2),
    ("73.5", 2),
    ("75.5", 2),
    ("80", 3),
    ("81", 3),
    ("81.5", 3),
    ("94.5", 4),
    ("62", None),
    ("55.5", None),
    ("69.5", None),
]


@pytest.mark.parametrize(("total", "level"), JINGYUAN)
def test_jingyuan_2023_results(ningxia, total, level):
    star = star_for(ningxia, D(total))
    assert (star.level if star else None) == level
    result = score(ningxia, fill(ningxia, total))
    assert result.total == D(total)
    assert (result.star.level if result.star else None) == level
    assert result.missing == []
    assert result.provisional


def test_four_stars_go_upward(ningxia):
    result = score(ningxia, fill(ningxia, "94.5"))
    assert result.star is not None and result.star.name_zh == "四星级"
    assert result.star.authority == "upward"
    assert star_for(ningxia, D(80)).authority == "local"


def test_ningxia_gap_to_provisional_five_stars_is_marked(ningxia):
    result = score(ningxia, fill(ningxia, "94.5"))
    assert gap_text(result) == "差0.5分到五星级（暂定标准）"
    assert gap_text(result, "en") == "0.5 points short of 5 stars (provisional)"


def test_henan_a1_is_as_confirmed(henan):
    a1 = henan.find("A1")
    assert str(henan.find("A").points) == "40+9"
    assert str(a1.points) == "20+2"
    base_items = [c for c in a1.children if c.points.base]
    assert [c.max_score for c in base_items] == [4, 4, 4, 2, 2, 1, 3]
    assert not any(c.provisional for c in base_items)
    iot = henan.find("A1.8")
    assert (iot.points.base, iot.points.extension, iot.provisional) == (0, 2, True)
    assert henan.parent_of("A1.8") == a1
    assert [i.code for i in henan.path("A1.8")] == ["A", "A1", "A1.8"]


def test_henan_can_reach_150(henan):
    assert henan.max_total() >= 150
    assert henan.bonus is not None and henan.bonus.provisional
    assert henan.leaf_codes()[-1].startswith("D")  # bonus leaves come last


@pytest.mark.parametrize(
    ("total", "level"),
    [
        ("89.5", None),
        ("90", 1),
        ("104.5", 1),
        ("105", 2),
        ("119.5", 2),
        ("120", 3),
        ("135", 4),
        ("149.5", 4),
        ("150", 5),
    ],
)
def test_henan_boundaries(henan, total, level):
    star = star_for(henan, D(total))
    assert (star.level if star else None) == level
    result = score(henan, fill(henan, total, bonus=True))
    assert result.total == D(total)
    assert (result.star.level if result.star else None) == level


def test_henan_five_stars_recommended_as_benchmark(henan):
    assert star_for(henan, D(150)).authority == "benchmark"
    assert star_for(henan, D(135)).authority == "local"


def test_henan_gap_texts(henan):
    result = score(henan, fill(henan, "104.5"))
    assert gap_text(result) == "差0.5分到二星级"
    assert gap_text(result, lang="en") == "0.5 points short of 2 stars"
    assert result.gap == D("0.5")
    top = score(henan, fill(henan, 150, bonus=True))
    assert gap_text(top) == "已达最高星级"
    assert top.next_level is None and top.gap is None
    nothing = score(henan, {})
    assert gap_text(nothing) == "差90分到一星级"
    assert len(nothing.missing) == len(henan.leaves())
