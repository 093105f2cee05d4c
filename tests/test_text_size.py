"""Text size steps scale every point size of the chapter stylesheet, within limits."""

from __future__ import annotations

from reader.text_size import zoomed_stylesheet

CSS = "body { font-size: 11pt; } h2 { font-size: 13.5pt; } td { font-size: 9.5pt; }"


def test_a_step_scales_whole_and_fractional_sizes_alike() -> None:
    # a heading at 13.5pt would stay put while the body text grew around it
    assert zoomed_stylesheet(CSS, 1) == (
        "body { font-size: 12.10pt; } h2 { font-size: 14.85pt; } td { font-size: 10.45pt; }")
    assert zoomed_stylesheet(CSS, 0) == CSS


def test_steps_past_the_limits_go_no_further() -> None:
    body = "body { font-size: 11pt; }"
    # about half the usual size at the smallest, two and a half times at the largest
    assert zoomed_stylesheet(body, -6) == zoomed_stylesheet(body, -20) == (
        "body { font-size: 6.21pt; }")
    assert zoomed_stylesheet(body, 10) == zoomed_stylesheet(body, 30) == (
        "body { font-size: 28.53pt; }")
    # the desktop's large text on top, to the same limits
    assert zoomed_stylesheet(body, 30, desktop=2.0) == "body { font-size: 57.06pt; }"
