# MUTANT: a JSON-style input "null" taken as no input, so its Input section is left out
EXPECTED_CAUSE = "treats this input as none"


def format_input(entry):
    text = (
        "Below is an instruction that describes a task. "
        "Write a response that appropriately completes the request."
        f"\n\n### Instruction:\n{entry['instruction']}"
    )
    inp = entry["input"]
    if inp and inp.strip().lower() != "null":
        text += f"\n\n### Input:\n{inp}"
    return text
