# MUTANT: textwrap.dedent run over the finished prompt (it empties a line of spaces alone,
# such as an input of spaces only)
import textwrap

EXPECTED_CAUSE = "textwrap.dedent run over the finished prompt"


def format_input(entry):
    text = (
        "Below is an instruction that describes a task. "
        "Write a response that appropriately completes the request."
        f"\n\n### Instruction:\n{entry['instruction']}"
    )
    if entry["input"]:
        text += f"\n\n### Input:\n{entry['input']}"
    return textwrap.dedent(text)  # tidy any stray indentation
