# MUTANT: the input put in with % after the instruction is already in the prompt (prompt %
# entry['input']), so a '%' in the instruction is read as a conversion

EXPECTED_CAUSE = "went through %-formatting to insert the input"


def format_input(entry):
    prompt = ("Below is an instruction that describes a task. "
              "Write a response that appropriately completes the request."
              "\n\n### Instruction:\n" + entry["instruction"])
    if entry["input"]:
        prompt = (prompt + "\n\n### Input:\n%s") % entry["input"]
    return prompt
