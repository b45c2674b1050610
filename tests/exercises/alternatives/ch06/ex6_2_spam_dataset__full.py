# Correct: torch.full rows filled by slice assignment, labels kept as a Python list
import pandas as pd
import torch
from torch.utils.data import Dataset


class SpamDataset(Dataset):
    def __init__(self, csv_file, tokenizer, max_length=None, pad_token_id=50256):
        frame = pd.read_csv(csv_file)
        texts = [tokenizer.encode(text) for text in frame["Text"]]
        self.max_length = max_length if max_length is not None else max(len(t) for t in texts)
        self.items = []
        for ids, label in zip(texts, frame["Label"].tolist()):
            kept = ids[: self.max_length]
            row = torch.full((self.max_length,), pad_token_id, dtype=torch.long)
            row[: len(kept)] = torch.as_tensor(kept, dtype=torch.long)
            self.items.append((row, torch.tensor(label).long()))

    def __getitem__(self, index):
        return self.items[index]

    def __len__(self):
        return len(self.items)
