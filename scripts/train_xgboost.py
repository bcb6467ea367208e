#!/usr/bin/python3
"""Train xgboost_v1 with XGBoost itself on the point-in-time rows of `nba-props training-rows`.

Run with Debian's Python (XGBoost 1.7.4 from `apt-get install -y python3-xgboost`; the pyenv
`python3` first on PATH does not have it), from the package root:

    /usr/bin/python3 scripts/train_xgboost.py --rows /tmp/xgb/rows_2024_25.csv \
        [--test-rows /tmp/xgb/rows_2025_26.csv]

Split, in time order (no row of a later window is seen by an earlier step):
  train           game_date <  --es-from       (fits the trees)
  early stopping  --es-from .. --valid-from-1  (picks the number of trees)
  validation      >= --valid-from              (held out: MAE of xgboost_v1 vs moving_average)
The optional --test-rows file (e.g. 2025-26, with real sportsbook lines) is scored the same way
and reported as an out-of-time test; it is never used for fitting or choosing anything.

Writes:
  models/xgboost_v1.json        XGBoost's JSON model (Booster.save_model), trees 0..best_iteration
  models/xgboost_v1.meta.json   version, sha256 of the model, feature names and order, windows, row
                                counts, validation (and test) metrics of both systems on the same
                                rows, the measured confidence table, XGBoost version, command, time
  test/fixtures/xgboost_golden.json  feature vectors with XGBoost's own predictions (parity test)

Only the native API is used (`xgb.train`, `xgb.DMatrix`): scikit-learn is not installed.
"""

import argparse
import csv
import hashlib
import json
import math
import os
import shlex
import sys
import time
from datetime import datetime, timezone

import numpy as np
import xgboost as xgb

SYSTEM_ID = "xgboost_v1"

# Hyperparameters: fixed up front (not tuned on the validation window, which stays held out).
# Shallow trees, a small learning rate and row/column subsampling for ~20k noisy rows.
PARAMS = {
    "objective": "reg:squarederror",
    "eval_metric": "mae",
    "eta": 0.03,
    "max_depth": 4,
    "min_child_weight": 20,
    "subsample": 0.8,
    "colsample_bytree": 0.8,
    "lambda": 1.0,
    "tree_method": "hist",
    "nthread": 2,
    "seed": 42,
}
NUM_BOOST_ROUND = 3000
EARLY_STOPPING_ROUNDS = 100

# Confidence table: the OVER/UNDER minimum edge of xgboost_v1 (lib/model/constants.ts XGBOOST,
# docs/seed-system.md §4.4) and the number of buckets of predicted points.
CONFIDENCE_EDGE = 1.5
CONFIDENCE_BUCKETS = 5
# Recommendation rule of xgboost_v1, used only to report hit rates on the test lines.
CONFIDENCE_FLOOR = 0.60
# moving_average's edge threshold (lib/model/constants.ts MOVING_AVERAGE.edgeThreshold).
MA_EDGE = 2.0


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rows", required=True, help="CSV of `nba-props training-rows` for 2024-25")
    p.add_argument("--test-rows", help="optional out-of-time CSV (e.g. 2025-26 with lines)")
    p.add_argument("--es-from", default="2025-02-01", help="first date of the early-stopping window")
    p.add_argument("--valid-from", default="2025-02-19", help="first date of the validation window")
    p.add_argument("--out-dir", default="models")
    p.add_argument("--golden", default="test/fixtures/xgboost_golden.json")
    p.add_argument("--golden-rows", type=int, default=240, help="sampled validation rows in the golden file")
    return p.parse_args()


def num(s):
    return float("nan") if s == "" else float(s)


def load_rows(path):
    """Reads a training-rows CSV and its `<csv>.meta.json`; returns (meta, columns dict, X)."""
    with open(path + ".meta.json", encoding="utf-8") as f:
        meta = json.load(f)
    names = meta["feature_names"]
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        header = reader.fieldnames or []
        if header[len(header) - len(names):] != names:
            sys.exit(f"{path}: feature columns differ from {path}.meta.json")
        recs = list(reader)
    cols = {
        "game_date": np.array([r["game_date"] for r in recs]),
        "player_lookup": np.array([r["player_lookup"] for r in recs]),
        "actual_points": np.array([float(r["actual_points"]) for r in recs]),
        "moving_average_pred": np.array([num(r["moving_average_pred"]) for r in recs]),
        "line_points": np.array([num(r["line_points"]) for r in recs]),
        "points_avg_season": np.array([num(r["points_avg_season"]) for r in recs]),
    }
    X = np.array([[num(r[n]) for n in names] for r in recs], dtype=np.float64)
    return meta, cols, X


def complete_mask(X, names, required):
    idx = [names.index(n) for n in required]
    return ~np.isnan(X[:, idx]).any(axis=1)


def metrics(y, pred):
    err = pred - y
    return {
        "mae": round(float(np.mean(np.abs(err))), 4),
        "rmse": round(float(np.sqrt(np.mean(err**2))), 4),
        "bias": round(float(np.mean(err)), 4),
    }


def confidence_table(y, pred):
    """Per bucket of predicted points (validation quantiles): share of games whose actual landed on
    the predicted side of a line CONFIDENCE_EDGE points away, averaged over OVER and UNDER."""
    qs = np.quantile(pred, [i / CONFIDENCE_BUCKETS for i in range(1, CONFIDENCE_BUCKETS)])
    bounds = [round(float(q), 1) for q in qs] + [None]
    buckets, lo = [], -math.inf
    for b in bounds:
        hi = math.inf if b is None else b
        m = (pred >= lo) & (pred < hi)
        over = y[m] > pred[m] - CONFIDENCE_EDGE
        under = y[m] < pred[m] + CONFIDENCE_EDGE
        conf = float(np.mean(0.5 * over + 0.5 * under)) if m.any() else 0.5
        buckets.append({"predicted_below": b, "confidence": round(conf, 4), "rows": int(m.sum())})
        lo = hi
    return buckets


def confidence_of(pred, buckets):
    out = np.empty_like(pred)
    for i, p in enumerate(pred):
        for b in buckets:
            if b["predicted_below"] is None or p < b["predicted_below"]:
                out[i] = b["confidence"]
                break
    return out


def calls(pred, line, y, edge, conf=None, floor=0.0):
    """OVER/UNDER calls at `line` (|pred - line| >= edge, confidence >= floor) and their hit rate."""
    has = ~np.isnan(line)
    act = has & (np.abs(pred - line) >= edge)
    if conf is not None:
        act &= conf >= floor
    over = pred > line
    win = np.where(over, y > line, y < line)
    push = y == line
    graded = act & ~push
    n = int(graded.sum())
    return {
        "lined_rows": int(has.sum()),
        "calls": int(act.sum()),
        "graded": n,
        "hit_rate": round(float(win[graded].mean()), 4) if n else None,
    }


def window(ds):
    s = sorted(ds.tolist())
    return {"from": s[0], "to": s[-1]}


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def golden_rows(X, pred_fn, n_sample, rng):
    """Sampled validation rows (a third of them with natural missing values, when there are
    any) plus rows with features blanked on purpose so every default direction can be exercised."""
    has_nan = np.isnan(X).any(axis=1)
    nat = np.flatnonzero(has_nan)
    full = np.flatnonzero(~has_nan)
    k_nat = min(len(nat), n_sample // 3)
    pick = np.concatenate([rng.choice(nat, k_nat, replace=False), rng.choice(full, n_sample - k_nat, replace=False)])
    base = X[np.sort(pick)]
    blanked = X[rng.choice(len(X), 60, replace=False)].copy()
    for row in blanked[:-2]:
        row[rng.random(X.shape[1]) < 0.3] = np.nan
    blanked[-2, :] = np.nan  # every feature missing: the all-default path
    blanked[-1, 1::2] = np.nan  # every other feature missing
    G = np.vstack([base, blanked])
    p = pred_fn(G)
    rows = [
        {"x": [None if math.isnan(v) else float(v) for v in G[i]], "xgboost": float(p[i])}
        for i in range(len(G))
    ]
    return rows, int(np.isnan(G).any(axis=1).sum())


def main():
    args = parse_args()
    command = "/usr/bin/python3 " + " ".join(shlex.quote(a) for a in sys.argv)
    t_start = time.time()
    rows_meta, cols, X = load_rows(args.rows)
    names, required = rows_meta["feature_names"], rows_meta["required_features"]
    complete = complete_mask(X, names, required)
    dates, y = cols["game_date"], cols["actual_points"]

    tr = complete & (dates < args.es_from)
    es = complete & (dates >= args.es_from) & (dates < args.valid_from)
    va = complete & (dates >= args.valid_from) & ~np.isnan(cols["moving_average_pred"])
    for name, m in (("train", tr), ("early stopping", es), ("validation", va)):
        if m.sum() == 0:
            sys.exit(f"the {name} window has no rows: check --es-from/--valid-from against {args.rows}")

    for i, n in enumerate(names):
        if n not in required and not np.isnan(X[tr][:, i]).any():
            print(f"warning: optional feature {n} is never missing in training: its missing direction is not learned")
    params = dict(PARAMS, base_score=float(np.mean(y[tr])))
    dtr = xgb.DMatrix(X[tr], label=y[tr], feature_names=names, missing=np.nan)
    des = xgb.DMatrix(X[es], label=y[es], feature_names=names, missing=np.nan)
    t_fit = time.time()
    booster = xgb.train(
        params,
        dtr,
        num_boost_round=NUM_BOOST_ROUND,
        evals=[(dtr, "train"), (des, "early_stopping")],
        early_stopping_rounds=EARLY_STOPPING_ROUNDS,
        verbose_eval=False,
    )
    fit_seconds = time.time() - t_fit
    best = booster.best_iteration
    model = booster[: best + 1]  # ship exactly the trees early stopping chose

    def predict(M):
        return model.predict(xgb.DMatrix(M, feature_names=names, missing=np.nan))

    os.makedirs(args.out_dir, exist_ok=True)
    model_path = os.path.join(args.out_dir, f"{SYSTEM_ID}.json")
    model.save_model(model_path)
    model_sha = sha256(model_path)

    p_va = predict(X[va]).astype(np.float64)
    y_va = y[va]
    buckets = confidence_table(y_va, p_va)
    validation = {
        "rows": int(va.sum()),
        "xgboost_v1": metrics(y_va, p_va),
        "moving_average": metrics(y_va, cols["moving_average_pred"][va]),
        "season_average": metrics(y_va, cols["points_avg_season"][va]),
    }

    test = None
    if args.test_rows:
        t_meta, t_cols, TX = load_rows(args.test_rows)
        if t_meta["feature_names"] != names:
            sys.exit(f"{args.test_rows}: feature names differ from {args.rows}")
        tm = complete_mask(TX, names, required) & ~np.isnan(t_cols["moving_average_pred"])
        ty, tp = t_cols["actual_points"][tm], predict(TX[tm]).astype(np.float64)
        tma, tline = t_cols["moving_average_pred"][tm], t_cols["line_points"][tm]
        lined = ~np.isnan(tline)
        test = {
            "file": args.test_rows,
            "window": {"from": t_meta["summary"]["from"], "to": t_meta["summary"]["to"]},
            "rows": int(tm.sum()),
            "xgboost_v1": metrics(ty, tp),
            "moving_average": metrics(ty, tma),
            "lined_rows": {
                "rows": int(lined.sum()),
                "xgboost_v1": metrics(ty[lined], tp[lined]),
                "moving_average": metrics(ty[lined], tma[lined]),
                "sportsbook_line": metrics(ty[lined], tline[lined]),
            },
            "calls_at_main_line": {
                "xgboost_v1": calls(
                    tp, tline, ty, CONFIDENCE_EDGE, np.clip(confidence_of(tp, buckets), 0, 1), CONFIDENCE_FLOOR
                ),
                "moving_average_edge_only": calls(tma, tline, ty, MA_EDGE),
                "break_even_at_minus_110": 0.5238,
            },
        }

    golden, golden_missing = golden_rows(X[va], predict, args.golden_rows, np.random.default_rng(7))
    os.makedirs(os.path.dirname(args.golden) or ".", exist_ok=True)
    with open(args.golden, "w", encoding="utf-8") as f:
        json.dump(
            {
                "description": "feature vectors (null = missing) with XGBoost's own prediction (points), "
                "written by scripts/train_xgboost.py; the parity test scores them in TypeScript",
                "model_sha256": model_sha,
                "xgboost_version": xgb.__version__,
                "feature_names": names,
                "rows_with_missing": golden_missing,
                "rows": golden,
            },
            f,
            indent=2,
        )
        f.write("\n")

    gain = model.get_score(importance_type="total_gain")
    total_gain = sum(gain.values()) or 1.0
    meta = {
        "system_id": SYSTEM_ID,
        "model_version": f"{SYSTEM_ID}-{model_sha[:12]}",
        "model_file": model_path,
        "model_sha256": model_sha,
        "trained_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "xgboost_version": xgb.__version__,
        "numpy_version": np.__version__,
        "python": sys.version.split()[0],
        "command": command,
        "objective": PARAMS["objective"],
        "params": params,
        "num_boost_round_max": NUM_BOOST_ROUND,
        "early_stopping_rounds": EARLY_STOPPING_ROUNDS,
        "best_iteration": best,
        "num_trees": best + 1,
        "feature_names": names,
        "required_features": required,
        "feature_docs": rows_meta.get("feature_docs", {}),
        "training_rows_file": {
            "path": args.rows,
            "command": rows_meta.get("command"),
            "summary": rows_meta.get("summary"),
        },
        "windows": {
            "training": window(dates[tr]),
            "early_stopping": window(dates[es]),
            "validation": window(dates[va]),
        },
        "rows": {
            "file": int(len(y)),
            "dropped_incomplete": int((~complete).sum()),
            "training": int(tr.sum()),
            "early_stopping": int(es.sum()),
            "validation": int(va.sum()),
        },
        "missing_values_in_training": {n: int(np.isnan(X[tr][:, i]).sum()) for i, n in enumerate(names)},
        "validation": validation,
        "test": test,
        "confidence": {
            "method": "validation rows bucketed by predicted points (quantile bounds); per bucket the "
            "share of games whose actual points landed on the predicted side of a line edge_points "
            "away from the prediction, averaged over OVER (line = pred - edge) and UNDER "
            "(line = pred + edge)",
            "edge_points": CONFIDENCE_EDGE,
            "buckets": buckets,
        },
        "feature_importance_gain_share": {
            k: round(v / total_gain, 4) for k, v in sorted(gain.items(), key=lambda kv: -kv[1])
        },
        "golden_file": {"path": args.golden, "rows": len(golden), "rows_with_missing": golden_missing},
        "fit_seconds": round(fit_seconds, 2),
        "total_seconds": round(time.time() - t_start, 2),
    }
    meta_path = os.path.join(args.out_dir, f"{SYSTEM_ID}.meta.json")
    with open(meta_path, "w", encoding="utf-8") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")

    print(f"trees {best + 1} (best iteration {best}); fit {fit_seconds:.1f} s")
    print(f"rows: train {tr.sum()}, early stopping {es.sum()}, validation {va.sum()}")
    print(
        f"validation MAE: xgboost_v1 {validation['xgboost_v1']['mae']}, "
        f"moving_average {validation['moving_average']['mae']} (same {va.sum()} rows)"
    )
    if test:
        print(
            f"test {test['window']['from']}..{test['window']['to']} MAE: xgboost_v1 {test['xgboost_v1']['mae']}, "
            f"moving_average {test['moving_average']['mae']} ({test['rows']} rows)"
        )
    print(f"wrote {model_path}, {meta_path}, {args.golden}")


if __name__ == "__main__":
    main()
