# MUTANT: textwrap.dedent run over the finished prompt (it empties a line of spaces alone,
# such as an input of spaces only)
import textwrap

EXPECTED_CAUSE = "textwrap.dedent run over the finished prompt"


def format_input_phi3(entry):
    text = (
        "<|user|>\n"
        f"{entry['instruction']}"
    )
    if entry["input"]:
        text += f"\n{entry['input']}"
    return textwrap.dedent(text)  # tidy any stray indentation
