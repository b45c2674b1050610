# MUTANT: a triple-quoted template through inspect.cleandoc (drops an empty instruction's line)
import inspect

PREAMBLE = ("Below is an instruction that describes a task. "
            "Write a response that appropriately completes the request.")


def format_input(entry):
    prompt = inspect.cleandoc(f"""
        {PREAMBLE}

        ### Instruction:
        {entry['instruction']}
        """)
    if entry["input"]:
        prompt += f"\n\n### Input:\n{entry['input']}"
    return prompt


EXPECTED_CAUSE = "its line is gone"
