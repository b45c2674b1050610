# MUTANT: the spaces at the end of every line of the input removed (re.sub with flags=re.M)
import re


def format_input(entry):
    # remove trailing blanks on every line of the input (they only waste tokens)
    text = re.sub(r"[ \t]+$", "", entry["input"], flags=re.M)
    prompt = (
        "Below is an instruction that describes a task. "
        "Write a response that appropriately completes the request."
        f"\n\n### Instruction:\n{entry['instruction']}"
    )
    if entry["input"]:
        prompt += f"\n\n### Input:\n{text}"
    return prompt


EXPECTED_CAUSE = "removes the spaces and tabs at the end of every line"
