# MUTANT: the record's text is HTML-unescaped ("&amp;" becomes "&")
import html


def format_input_phi3(entry):
    input_text = f"\n{html.unescape(entry['input'])}" if entry["input"] else ""
    return f"<|user|>\n{html.unescape(entry['instruction'])}" + input_text


EXPECTED_CAUSE = "HTML entities were decoded"
