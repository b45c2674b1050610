# MUTANT: the input is cut to its first 200 characters (a hard-coded limit to keep prompts short)
def format_input(entry):
    prompt = (
        "Below is an instruction that describes a task. "
        "Write a response that appropriately completes the request."
        f"\n\n### Instruction:\n{entry['instruction']}"
    )
    if entry["input"]:
        prompt += f"\n\n### Input:\n{entry['input'][:200]}"
    return prompt


EXPECTED_CAUSE = "the input is cut short"
