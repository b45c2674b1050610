import pandas as pd


def create_balanced_dataset(df):
    num_spam = (df["Label"] == "spam").sum()
    ham_subset = df[df["Label"] == "ham"].sample(num_spam, random_state=123)
    return pd.concat([ham_subset, df.drop(ham_subset.index)])


EXPECTED_CAUSE = "ham rows that were not drawn among them"
