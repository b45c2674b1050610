# MUTANT: the input is wrapped in double quotes
def format_input(entry):
    prompt = (
        "Below is an instruction that describes a task. "
        "Write a response that appropriately completes the request."
        f"\n\n### Instruction:\n{entry['instruction']}"
    )
    if entry["input"]:
        prompt += f'\n\n### Input:\n"{entry["input"]}"'
    return prompt


EXPECTED_CAUSE = "The first difference lies in the input (its character 0). Only that piece differs"
