# MUTANT: ham rows drawn with random_state=num_spam (the count passed as the seed)
import pandas as pd


def create_balanced_dataset(df):
    num_spam = int((df["Label"] == "spam").sum())
    ham_subset = df[df["Label"] == "ham"].sample(num_spam, random_state=num_spam)
    return pd.concat([ham_subset, df[df["Label"] == "spam"]])

EXPECTED_CAUSE = "the spam count (a variable passed as the seed"
