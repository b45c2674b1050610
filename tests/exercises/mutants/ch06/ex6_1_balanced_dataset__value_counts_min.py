import pandas as pd


def create_balanced_dataset(df):
    n = df["Label"].value_counts().min()
    ham = df[df["Label"] == "ham"].sample(n, random_state=123)
    return pd.concat([ham, df[df["Label"] == "spam"]])


EXPECTED_CAUSE = "skips a label that does not occur"
