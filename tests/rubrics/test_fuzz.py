"""Whatever the input, the loader answers with a Rubric or a RubricError, nothing else."""

import copy
import tomllib

from hypothesis import given, settings
from hypothesis import strategies as st

from rubrics.errors import RubricError
from rubrics.loader import load_rubric_text, rubric_from_dict
from tests.rubrics.test_bad_files import GOOD

BASE = tomllib.loads(GOOD)

junk = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


def paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from paths(item, (*prefix, index))


ALL_PATHS = [p for p in paths(BASE) if p]


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(ALL_PATHS), junk)
def test_replacing_any_value_gives_rubric_or_rubric_error(path, value):
    data = copy.deepcopy(BASE)
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    try:
        rubric_from_dict(data, "fuzz.toml")
    except RubricError as error:
        assert error.problems
        assert all(problem.file == "fuzz.toml" for problem in error.problems)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_rubric_or_rubric_error(text):
    try:
        load_rubric_text(text, "fuzz.toml")
    except RubricError:
        pass
