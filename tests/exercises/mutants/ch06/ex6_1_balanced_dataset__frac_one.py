import pandas as pd


def create_balanced_dataset(df):
    ham = df[df["Label"] == "ham"].sample(frac=1, random_state=123)
    return pd.concat([ham, df[df["Label"] == "spam"]])


EXPECTED_CAUSE = "either .sample(frac=1, ...)"
