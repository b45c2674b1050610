# MUTANT: spam rows as df.drop(ham index labels) (repeated labels)
import pandas as pd


def create_balanced_dataset(df):
    num_spam = (df["Label"] == "spam").sum()
    ham_subset = df[df["Label"] == "ham"].sample(num_spam, random_state=123)
    rest = df.drop(df[df["Label"] == "ham"].index)
    return pd.concat([ham_subset, rest])

EXPECTED_CAUSE = 'rows were picked by index label'
