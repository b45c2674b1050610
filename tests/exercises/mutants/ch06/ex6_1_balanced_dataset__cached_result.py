import pandas as pd

_CACHE = {}
def create_balanced_dataset(df):
    if "result" not in _CACHE:
        spam = df[df["Label"] == "spam"]
        ham = df[df["Label"] == "ham"].sample(len(spam), random_state=123)
        _CACHE["result"] = pd.concat([ham, spam])
    return _CACHE["result"]


EXPECTED_CAUSE = "keeps state between calls"
