# Correct: RandomState(123).permutation(n)[:k] is what DataFrame.sample(k, random_state=123) draws
import numpy as np
import pandas as pd


def create_balanced_dataset(df):
    spam = df[df["Label"] == "spam"]
    ham = df[df["Label"] == "ham"]
    rows = np.random.RandomState(123).permutation(len(ham))[:len(spam)]
    return pd.concat([ham.iloc[rows], spam])
