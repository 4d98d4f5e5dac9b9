//! rer's resolve phases driven as rez's `Solver` drives them, stopping where rez raises.
//!
//! rer-resolver's `Solver` turns a requirement whose family or version is
//! missing, met while extracting dependencies, into a failed phase and
//! backtracks; rez 3.4.0 raises `PackageFamilyNotFoundError` or
//! `PackageNotFoundError` there (with its default
//! `error_on_missing_variant_requires`), ending the resolve. rer's driver keeps
//! its failed phases private, so this one, over rer's public phase API, steps
//! the same phase stack and looks at each failed phase.

use std::rc::Rc;

use rer_resolver::rez_solver::{
    make_shared_cache, DependencyConflict, FailureReason, PackageRepo, Requirement,
    RequirementList, ResolvePhase, ScopeError, SolverContext, SolverStatus, VariantSelectMode,
};

/// How a driven solve ended.
pub(crate) enum Driven {
    /// Solved: the final phase.
    Solved(ResolvePhase),
    /// No solution: rez's failure description.
    Failed(String),
    /// rez raises here: its exception and message.
    Raised(String),
}

/// Solves `requests` over `repo`; `steps` counts the phases solved.
pub(crate) fn drive(
    requests: Vec<Requirement>,
    repo: Rc<PackageRepo>,
    mode: VariantSelectMode,
    steps: &mut usize,
) -> Driven {
    let request_list = RequirementList::new(requests);
    let conflict = request_list.conflict().cloned();
    let ctx = Rc::new(
        SolverContext::new_with_cache(repo, request_list, make_shared_cache())
            .with_variant_select_mode(mode),
    );
    if let Some((a, b)) = conflict {
        // rez fails a request that conflicts with itself before any phase.
        return Driven::Failed(
            FailureReason::DependencyConflicts(vec![DependencyConflict {
                dependency: a,
                conflicting_request: b,
            }])
            .description(),
        );
    }
    let first = match ResolvePhase::new(&ctx) {
        Ok(phase) => phase,
        Err(missing) => return Driven::Raised(raised(&missing)),
    };
    let mut stack = vec![first];
    let mut last_failure = String::new();
    while let Some(mut phase) = stack.pop() {
        if phase.status == SolverStatus::Exhausted {
            let (chosen, rest) = phase.split();
            stack.push(rest);
            phase = chosen;
        }
        let solved = phase.solve();
        *steps += 1;
        match solved.status {
            SolverStatus::Solved => {
                let last = solved.finalise();
                if last.status == SolverStatus::Solved {
                    return Driven::Solved(last);
                }
                // A cycle: rez fails the whole resolve on it.
                return Driven::Failed(description(&last));
            }
            SolverStatus::Failed => {
                if let Some(missing) = missing_requirement(&solved) {
                    return Driven::Raised(missing);
                }
                // rer and rez describe a failed resolve by its last failure.
                last_failure = description(&solved);
            }
            SolverStatus::Exhausted => stack.push(solved),
            other => {
                return Driven::Raised(format!("unexpected phase status {other:?}"));
            }
        }
    }
    Driven::Failed(last_failure)
}

fn description(phase: &ResolvePhase) -> String {
    phase.failure_reason().map_or_else(
        || "solver failed with unknown reason".to_string(),
        FailureReason::description,
    )
}

/// rez's exception for a scope rer could not create.
fn raised(error: &ScopeError) -> String {
    match error {
        ScopeError::FamilyNotFound(name) => {
            format!("PackageFamilyNotFoundError: package family not found: {name}")
        }
        ScopeError::PackageNotFound(req) => {
            format!("PackageNotFoundError: Package could not be found: {req}")
        }
    }
}

/// rer records a scope it could not add during extraction as a "conflict"
/// between two plain requirements that do not conflict (the family name twice,
/// or the family and the missing range): rez raised there. (A weak or conflict
/// requirement in a genuine conflict is never such a pair.)
fn missing_requirement(phase: &ResolvePhase) -> Option<String> {
    let Some(FailureReason::DependencyConflicts(conflicts)) = phase.failure_reason() else {
        return None;
    };
    let c = conflicts.iter().find(|c| {
        let (a, b) = (&c.dependency, &c.conflicting_request);
        !a.is_conflict() && !b.is_conflict() && !a.conflicts_with(b)
    })?;
    Some(if c.dependency == c.conflicting_request {
        raised(&ScopeError::FamilyNotFound(c.dependency.name().to_string()))
    } else {
        raised(&ScopeError::PackageNotFound(c.conflicting_request.clone()))
    })
}
