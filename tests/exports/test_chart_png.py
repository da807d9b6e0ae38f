"""The analysis charts as pictures (exports/chart_*.py), read back pixel by pixel without Pillow
(tests/exports/png_read.py): a valid PNG, bars as tall as their counts, the star thresholds at
their score on the axis, the same data always the same bytes."""

from __future__ import annotations

from decimal import Decimal

from exports.analysis_rows import AnalysisRows
from exports.chart_canvas import BAR as BAR_INDEX
from exports.chart_canvas import BLACK as BLACK_INDEX
from exports.chart_canvas import PALETTE, THRESHOLD
from exports.chart_figures import analysis_figures, band_rows
from exports.chart_histogram import histogram_png
from exports.chart_losses import losses_png
from exports.chart_png import encode_png

from .png_read import Picture, read_png

BAR, RED, BLACK = PALETTE[BAR_INDEX], PALETTE[THRESHOLD], PALETTE[BLACK_INDEX]
D = Decimal
# A hand-made county: 12 schools, two star lines (二星级 70, 三星级 80).
BINS = ((D(60), D(65), 1), (D(65), D(70), 3), (D(70), D(75), 0), (D(75), D(80), 2), (D(80), D(85), 6))
THRESHOLDS = (("二星级", D(70)), ("三星级", D(80)))


def _runs(pixels: list[tuple[int, int, int]], colour: tuple[int, int, int]) -> list[tuple[int, int]]:
    """(first, last) index of each run of ``colour``."""
    runs: list[tuple[int, int]] = []
    for i, pixel in enumerate(pixels):
        if pixel != colour:
            continue
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def _length(run: tuple[int, int]) -> int:
    return run[1] - run[0] + 1


def _baseline(picture: Picture) -> int:
    """The x axis: the lowest row that is black most of the way across."""
    return max(y for y, row in enumerate(picture.rows) if row.count(BLACK_INDEX) > picture.width // 2)


def test_the_picture_is_a_png_of_its_size() -> None:
    picture = read_png(histogram_png(BINS, THRESHOLDS))
    assert (picture.width, picture.height) == (1200, 600)
    assert picture.chunks == (b"IHDR", b"PLTE", b"pHYs", b"IDAT", b"IEND")
    assert picture.dpi == 200  # 1200 px print 15.2 cm wide: the notice's type area
    assert len(picture.rows) == 600 and all(len(row) == 1200 for row in picture.rows)


def test_bars_are_as_tall_as_their_counts() -> None:
    picture = read_png(histogram_png(BINS, THRESHOLDS))
    base = _baseline(picture)
    bars = _runs(picture.row(base - 2), BAR)  # just above the axis: one run per non-empty bin
    counts = [count for _low, _high, count in BINS if count]
    assert len(bars) == len(counts) == 4
    heights = [len([p for p in picture.column((a + b) // 2)[:base] if p == BAR]) for a, b in bars]
    unit = heights[-1] / 6  # the tallest bar holds 6 schools
    for height, count in zip(heights, counts, strict=True):
        assert abs(height - count * unit) <= 1, (heights, counts)
    assert heights[1] == 3 * heights[0] or abs(heights[1] - 3 * heights[0]) <= 1


def test_threshold_lines_stand_at_their_score() -> None:
    picture = read_png(histogram_png(BINS, THRESHOLDS))
    base = _baseline(picture)
    axis = _runs(picture.row(base), BLACK)[0]  # the x axis, from the y axis to 85 points
    mid = (base + 60) // 2
    lines = [(a + b) / 2 for a, b in _runs(picture.row(mid), RED)]
    assert len(lines) == 2
    span = axis[1] - axis[0]
    for x, (_name, score) in zip(lines, THRESHOLDS, strict=True):
        expected = axis[0] + float((score - 60) / 25) * span
        assert abs(x - expected) <= 3, (x, expected)
    # The 80 line runs between the 75–80 bar and the 80–85 bar, touching neither.
    bars = _runs(picture.row(base - 2), BAR)
    assert bars[2][1] < lines[1] < bars[3][0]


def test_a_province_s_counts_fit_the_picture() -> None:
    """500,000 schools: six-digit counts, none cut at the picture's edges."""
    big = tuple((low, high, count * 20000) for low, high, count in BINS)
    picture = read_png(histogram_png(big, THRESHOLDS))
    edges = [picture.rgb(x, y) for y in range(picture.height) for x in (0, 1, picture.width - 1)]
    assert set(edges) == {(255, 255, 255)}
    leaves = (("1.1", "校园网络", D(8), 480000, 500000, D("4.1"), D(1)),)
    png = losses_png(leaves)
    assert png is not None
    losses = read_png(png)
    assert {losses.rgb(losses.width - 1, y) for y in range(losses.height)} == {(255, 255, 255)}


def test_the_same_numbers_make_the_same_bytes() -> None:
    assert histogram_png(BINS, THRESHOLDS) == histogram_png(BINS, THRESHOLDS)
    other = (*BINS[:-1], (D(80), D(85), 5))
    assert histogram_png(other, THRESHOLDS) != histogram_png(BINS, THRESHOLDS)


def test_the_losses_chart_has_a_bar_per_losing_leaf() -> None:
    leaves = (("1.1", "校园网络", D(8), 4, 5, D("4.1"), D("16.5")), ("A2.3", "数字资源", D(6), 2, 5, D(1), D(2)),
              ("3.1", "应用", D(5), 0, 5, None, D(0)))
    png = losses_png(leaves)
    assert png is not None
    picture = read_png(png)
    left = 200  # right of the codes: a column every bar crosses
    bars = _runs(picture.column(left), BAR)  # one run per bar, top to bottom
    assert len(bars) == 2  # the leaf nobody lost points on has no bar
    lengths = [_length(_runs(picture.row((a + b) // 2), BAR)[0]) for a, b in bars]
    assert abs(lengths[0] - 2 * lengths[1]) <= 2  # 4 losing schools against 2
    assert losses_png(leaves[2:]) is None


def _rows(bins: tuple[tuple[Decimal, Decimal, int], ...] = BINS) -> AnalysisRows:
    leaves = (("1.1", "校园网络", D(8), 4, 5, D("4.1"), D("16.5")),)
    return AnalysisRows("某县2022", leaves, ("二星级", "三星级", "未达星级"), (), (), bins, THRESHOLDS, (), None)


def test_the_figures_carry_their_captions_and_numbers() -> None:
    distribution, losses = analysis_figures(_rows())
    assert distribution.caption == "图1 核定总分分布（竖线为星级分数线）"
    assert losses.caption == "图2 失分学校最多的1项指标（条长为失分学校数）"
    assert distribution.rows == (("三星级", "80分及以上", "6"), ("二星级", "70～79.9分", "2"),
                                 ("未达星级", "不足70分", "4"))
    assert losses.rows == (("1", "1.1", "校园网络", "4", "4.1"),)
    assert distribution.size == (1200, 600)
    english = analysis_figures(_rows(), "en")
    assert english[0].caption == "Figure 1 Distribution of verified totals (vertical lines: the star thresholds)"
    assert band_rows(_rows(), "en")[1] == ("二星级", "70–79.9", "2")
    # The sheet shows the losses first: numbered in the order shown.
    assert [f.caption[:2] for f in analysis_figures(_rows(), order=("losses", "distribution"))] == ["图1", "图2"]
    assert analysis_figures(_rows(bins=()))[0].kind == "losses"  # nothing verified: no distribution


def test_a_wrong_pixel_count_is_refused() -> None:
    import pytest

    with pytest.raises(ValueError, match="pixels"):
        encode_png(2, 2, PALETTE, bytes(3))
