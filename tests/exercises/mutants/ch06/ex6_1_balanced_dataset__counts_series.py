import pandas as pd


def create_balanced_dataset(df):
    num_spam = df[df["Label"] == "spam"].count()
    ham_subset = df[df["Label"] == "ham"].sample(num_spam, random_state=123)
    return pd.concat([ham_subset, df[df["Label"] == "spam"]])


EXPECTED_CAUSE = "got a Series as the number of rows"
