# %% [markdown]
# # Lab: k-fold partitions, box IoU and retrieval
#
# Three places where machine learning runs on sets. First, k-fold cross-validation:
# the folds are a [partition](partitions.md) of the samples, and each round trains on
# the complement of one fold. Second, object detection: a predicted box is compared
# with the true box by the [intersection over union](similarity.md#iou-of-bounding-boxes).
# Third, retrieval: the items above a score threshold form the retrieved set $R$, and
# [precision and recall](similarity.md#precision-and-recall-as-ratios-of-sets) compare it
# with the relevant set $T$ as the threshold moves. Every set operation here runs on
# NumPy boolean masks or index arrays, and each result is checked against scikit-learn.

# %%
import numpy as np
from sklearn.datasets import load_digits
from sklearn.metrics import average_precision_score
from sklearn.metrics import precision_recall_curve as sklearn_pr_curve
from sklearn.model_selection import KFold
from sklearn.neighbors import KNeighborsClassifier

from snippets.plotting import show_figures_with_descriptions
from snippets.set_theory.partitions import (
    is_partition,
    kfold_indices,
    plot_kfold,
    split_indices,
)
from snippets.set_theory.similarity import (
    box_iou,
    pairwise_box_iou,
    plot_box_iou,
    plot_precision_recall,
    precision_recall,
    precision_recall_curve,
)

show_figures_with_descriptions()

# %% [markdown]
# ## k-fold cross-validation is a partition
#
# Each row of the grid is one round of 5-fold cross-validation on 20 samples: the
# orange cells are the validation fold $F_j$, the blue cells its complement, the
# training set. Without shuffling the folds are consecutive blocks.

# %%
fig = plot_kfold(n=20, k=5, shuffle=False)
fig

# %% [markdown]
# Shuffling first permutes the samples with `rng.permutation(n)` and then cuts the
# permuted order into consecutive folds. The validation folds are still disjoint and
# still cover every sample: each column has exactly one orange cell.

# %%
fig = plot_kfold(n=20, k=5, shuffle=True, seed=0)
fig

# %% [markdown]
# The validation folds form a partition, every training set is the complement of its
# fold, and without shuffling the folds are exactly those of scikit-learn's `KFold`.

# %%
folds = kfold_indices(20, 5)
print("validation folds partition the data:", is_partition([v for _, v in folds], 20))
print(
    "train = complement of fold:",
    all(np.array_equal(t, np.setdiff1d(np.arange(20), v)) for t, v in folds),
)
same = all(
    np.array_equal(v, rv)
    for (_, v), (_, rv) in zip(folds, KFold(5).split(np.zeros(20)), strict=True)
)
print("same folds as sklearn KFold:", same)

# %% [markdown]
# On the handwritten digits: hold out a test set first (a partition of the data into
# train+validation and test), then run 5-fold cross-validation on the rest to choose
# the number of neighbors of a k-NN classifier, and only then score the test set once.

# %%
X, y = load_digits(return_X_y=True)
rng = np.random.default_rng(0)
dev, test = split_indices(len(y), (0.8, 0.2), rng=rng)
print("dev and test partition the digits:", is_partition([dev, test], len(y)))
print("sizes:", dev.size, test.size)

scores = {}
for n_neighbors in (1, 3, 7, 15):
    accuracies = []
    for train_pos, val_pos in kfold_indices(dev.size, 5, shuffle=True, rng=rng):
        train, val = dev[train_pos], dev[val_pos]  # positions inside dev -> sample ids
        model = KNeighborsClassifier(n_neighbors=n_neighbors).fit(X[train], y[train])
        accuracies.append(model.score(X[val], y[val]))
    scores[n_neighbors] = np.mean(accuracies)
    print(
        f"k-NN with {n_neighbors:2d} neighbors: mean validation accuracy {scores[n_neighbors]:.4f}"
    )

best = max(scores, key=scores.get)
final = KNeighborsClassifier(n_neighbors=best).fit(X[dev], y[dev])
print(f"chosen: {best} neighbors; test accuracy {final.score(X[test], y[test]):.4f}")

# %% [markdown]
# ## Intersection over union of bounding boxes
#
# A box is the set of points $[x_1, x_2] \times [y_1, y_2]$. The intersection of two
# boxes is a box, and the union's area follows by inclusion–exclusion:
# $\operatorname{IoU} = \lvert A \cap B \rvert / (\lvert A \rvert + \lvert B \rvert - \lvert A \cap B \rvert)$.
# The titles show how quickly the IoU falls: two squares of side 2 offset by 1 in both
# directions keep only $1/7$.

# %%
fig = plot_box_iou()
fig

# %% [markdown]
# Shifting a square of side $s$ sideways by $d$ gives
# $\operatorname{IoU} = (s - d)/(s + d)$, so the usual detection threshold 0.5 is reached
# at $d = s/3$.

# %%
s = 30.0
for d in (0, 3, 6, 10, 15, 30):
    iou = box_iou([0, 0, s, s], [d, 0, s + d, s])
    print(f"shift {d:4.0f}: IoU {iou:.3f}   formula {(s - d) / (s + d):.3f}")

# %% [markdown]
# A detector's predictions are matched to the true boxes through the matrix of
# pairwise IoUs: a prediction is a hit when its best IoU reaches 0.5. The hits and the
# detected objects are sets, so precision and recall of the detector follow.

# %%
truth = np.array([[10, 10, 50, 50], [60, 20, 90, 80], [100, 5, 140, 40]])
predicted = np.array(
    [[12, 8, 48, 52], [55, 25, 95, 70], [0, 60, 20, 90], [105, 10, 150, 45]]
)
iou = pairwise_box_iou(predicted, truth)
print(iou.round(3))
hit = iou.max(axis=1) >= 0.5  # predictions that match some true box
found = iou.max(axis=0) >= 0.5  # true boxes that some prediction matches
print("detector precision:", hit.mean(), " recall:", found.mean())

# %% [markdown]
# ## Precision and recall from sets of retrieved items
#
# A tiny retrieval system: to find the images of a 3 among the test digits, score each
# test image by the cosine similarity to the average training image of a 3. The
# relevant set $T$ is the test images that really are 3s; thresholding the score at
# $t$ retrieves $R_t = \{i : s_i \ge t\}$.

# %%
mean_three = X[dev][y[dev] == 3].mean(axis=0)
Xt = X[test]
score = Xt @ mean_three / (np.linalg.norm(Xt, axis=1) * np.linalg.norm(mean_three))
relevant = y[test] == 3
print("test images:", relevant.size, " relevant (3s):", int(relevant.sum()))
for t in (0.95, 0.9, 0.85, 0.8):
    retrieved = score >= t
    p, r = precision_recall(retrieved, relevant)
    print(
        f"t = {t:.2f}: |R| = {retrieved.sum():3d}, |R ∩ T| = {(retrieved & relevant).sum():2d}, "
        f"precision {p:.3f}, recall {r:.3f}"
    )

# %% [markdown]
# Moving the threshold down through every distinct score traces the whole
# precision–recall curve. Left: precision and recall against the threshold. Right:
# the curve itself; the dotted line is the share of 3s, the precision of retrieving
# everything.

# %%
fig = plot_precision_recall(score, relevant)
fig

# %% [markdown]
# The curve agrees with scikit-learn's `precision_recall_curve`, and the average
# precision (the area under the curve, as a sum of precision times recall steps)
# agrees with `average_precision_score`.

# %%
thresholds, precision, recall = precision_recall_curve(score, relevant)
p_ref, r_ref, t_ref = sklearn_pr_curve(relevant, score)
print(
    "same curve as sklearn:",
    np.allclose(precision, p_ref[:-1][::-1]) and np.allclose(recall, r_ref[:-1][::-1]),
)
ap = np.sum(np.diff(np.r_[0.0, recall]) * precision)
print(
    f"average precision {ap:.4f}  sklearn {average_precision_score(relevant, score):.4f}"
)
