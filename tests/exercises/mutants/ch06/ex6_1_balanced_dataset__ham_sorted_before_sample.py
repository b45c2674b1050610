import pandas as pd


def create_balanced_dataset(df):
    spam = df[df["Label"] == "spam"]
    ham = df[df["Label"] == "ham"].sort_values("Text")
    return pd.concat([ham.sample(len(spam), random_state=123), spam])


EXPECTED_CAUSE = "reordered (sort_values('Text')) BEFORE sampling"
