"""The reports draw with the canvas's colours: the Qt-free copy in reports/colors.py must match
export/palette.py value for value (reports may not import the export layer)."""

from desktop_app.export import palette
from desktop_app.reports import colors


def test_report_colours_match_the_palette():
    assert colors.KIND_HUE == palette.KIND_HUE
    assert colors.KIND_LETTER == palette.KIND_LETTER
    assert colors.SEVERITY_COLOR == palette.SEVERITY_COLOR
    assert (colors.FLOW_EDGE, colors.FEEDBACK_EDGE) == (palette.FLOW_EDGE, palette.FEEDBACK_EDGE)
    assert (colors.STAGE_WIDTH, colors.STAGE_HEIGHT) == (palette.STAGE_WIDTH, palette.STAGE_HEIGHT)
    light = palette.theme(dark=False)
    assert colors.KIND_FILL == light.kind_fill
    assert colors.KIND_BORDER == light.kind_border
    assert colors.KIND_ACCENT == light.kind_accent
    assert (colors.TEXT, colors.SUBTLE_TEXT) == (light.text, light.subtle_text)
