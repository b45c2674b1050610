# MUTANT: runs of 3+ newlines in the prompt collapsed to one blank line (re.sub)
import re

EXPECTED_CAUSE = 'collapsed to one blank line'


def format_input(entry):
    instruction_text = (
        "Below is an instruction that describes a task. "
        "Write a response that appropriately completes the request."
        f"\n\n### Instruction:\n{entry['instruction']}"
    )
    input_text = f"\n\n### Input:\n{entry['input']}" if entry["input"] else ""
    return re.sub(r"\n{3,}", "\n\n", instruction_text + input_text)
