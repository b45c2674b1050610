# MUTANT: the instruction wrapped to 70 columns with textwrap.fill
import textwrap


def format_input(entry):
    instruction = textwrap.fill(entry["instruction"], width=70)
    instruction_text = (
        "Below is an instruction that describes a task. "
        "Write a response that appropriately completes the request."
        f"\n\n### Instruction:\n{instruction}"
    )
    input_text = f"\n\n### Input:\n{entry['input']}" if entry["input"] else ""
    return instruction_text + input_text


EXPECTED_CAUSE = "was wrapped into short lines"
