import pandas as pd


def create_balanced_dataset(df):
    num_spam = (df["Label"] == "spam").sum()
    ham_subset = df[df["Label"] == "ham"].sample(num_spam, random_state=321)
    return pd.concat([ham_subset, df[df["Label"] == "spam"]])

EXPECTED_CAUSE = "drawn with another seed"
