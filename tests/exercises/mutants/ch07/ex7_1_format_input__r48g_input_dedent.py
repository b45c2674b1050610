# MUTANT: the input run through textwrap.dedent to tidy indented code, which strips the leading
# spaces of a one-line input and empties lines of spaces alone
import textwrap

EXPECTED_CAUSE = "went through textwrap.dedent"

PREAMBLE = ("Below is an instruction that describes a task. "
            "Write a response that appropriately completes the request.")


def format_input(entry):
    prompt = PREAMBLE + f"\n\n### Instruction:\n{entry['instruction']}"
    if entry["input"]:
        prompt += "\n\n### Input:\n" + textwrap.dedent(entry["input"])
    return prompt
