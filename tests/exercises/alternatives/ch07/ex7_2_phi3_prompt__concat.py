# Correct: plain concatenation with an if/else, %-formatting
def format_input_phi3(entry: dict) -> str:
    prompt = "<|user|>\n%s" % entry["instruction"]
    if len(entry["input"]) == 0:
        return prompt
    return prompt + "\n" + entry["input"]
