# MUTANT: inputs of one character treated as empty (len > 1)
def format_input(entry):
    text = ("Below is an instruction that describes a task. Write a response that "
            "appropriately completes the request.\n\n### Instruction:\n" + entry["instruction"])
    if len(entry["input"]) > 1:
        text += "\n\n### Input:\n" + entry["input"]
    return text

EXPECTED_CAUSE = "an input of one character"
