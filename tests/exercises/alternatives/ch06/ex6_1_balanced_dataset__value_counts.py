# Correct: spam count from value_counts(), ham as "not spam", DataFrame.sample(n=..., axis=0)
import pandas as pd


def create_balanced_dataset(df):
    num_spam = df["Label"].value_counts()["spam"]
    ham_subset = df[df["Label"] != "spam"].sample(n=num_spam, random_state=123, axis=0)
    spam_subset = df[df["Label"] == "spam"]
    return pd.concat([ham_subset, spam_subset])
