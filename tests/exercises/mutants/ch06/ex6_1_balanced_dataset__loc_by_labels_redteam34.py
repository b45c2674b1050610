# MUTANT: sampled ham rows picked back with df.loc[labels] (repeated labels)
import pandas as pd


def create_balanced_dataset(df):
    num_spam = (df["Label"] == "spam").sum()
    chosen = df[df["Label"] == "ham"].sample(num_spam, random_state=123).index
    return pd.concat([df.loc[chosen], df[df["Label"] == "spam"]])

EXPECTED_CAUSE = 'rows were picked by index label'
