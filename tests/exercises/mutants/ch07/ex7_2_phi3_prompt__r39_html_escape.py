# MUTANT: the record's text is HTML-escaped (html.escape) so it cannot clash with the <|user|> tag
import html


def format_input_phi3(entry):
    prompt = f"<|user|>\n{html.escape(entry['instruction'])}"
    if entry["input"]:
        prompt += f"\n{html.escape(entry['input'])}"
    return prompt


EXPECTED_CAUSE = "HTML-escaped"
